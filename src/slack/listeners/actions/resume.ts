import type { ClickHandler } from '../support/guard';

/** Resume on the session card (the engine lets only the facilitator). */
export function resume(): ClickHandler {
  return async (_click, { dispatch }) => {
    await dispatch({ kind: 'resume' });
  };
}
