import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** The facilitator closes the vote: the case with the most votes is taken (a tie is theirs to break with Pick). */
export function caseCloseVote(_deps: ListenerDeps): ClickHandler {
  return async (_click, { dispatch }) => {
    await dispatch({ kind: 'close-vote' });
  };
}
