import type { ClickHandler } from '../support/guard';

/** "I agree" on the agreement step. */
export function agree(): ClickHandler {
  return async (_click, tools) => {
    await tools.dispatch({ kind: 'agree' });
  };
}
