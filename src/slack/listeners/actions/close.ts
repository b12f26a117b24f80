import type { ClickHandler } from '../support/guard';

/** Close on the session card. The button carries a confirm dialog, so a click here was confirmed. */
export function close(): ClickHandler {
  return async (_click, { dispatch }) => {
    await dispatch({ kind: 'close', reason: 'facilitator' });
  };
}
