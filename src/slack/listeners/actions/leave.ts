import type { ClickHandler } from '../support/guard';

/** Leave on the session card. */
export function leave(): ClickHandler {
  return async (_click, { dispatch, reply }) => {
    const result = await dispatch({ kind: 'leave' });
    if (result?.ok && !result.duplicate) await reply("You've left the session. Thank you for taking part.");
  };
}
