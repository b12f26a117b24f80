import type { ClickHandler } from '../support/guard';

/** Leave on the session card. */
export function leave(): ClickHandler {
  return async (_click, { dispatch, say }) => {
    const result = await dispatch({ kind: 'leave' });
    if (result?.ok && !result.duplicate) await say('replies:left');
  };
}
