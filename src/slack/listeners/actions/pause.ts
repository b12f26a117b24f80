import type { ClickHandler } from '../support/guard';

/** Pause on the session card (the engine lets only the facilitator). */
export function pause(): ClickHandler {
  return async (_click, { dispatch }) => {
    await dispatch({ kind: 'pause' });
  };
}
