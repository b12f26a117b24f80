import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** Vote beside a case while a group's meeting chooses one: a member's one vote, changeable until the vote closes. */
export function caseVote(_deps: ListenerDeps): ClickHandler {
  return async (click, { dispatch, say }) => {
    const proposalId = click.ref?.inputId;
    if (!proposalId) {
      await say('replies:notOurs');
      return;
    }
    const result = await dispatch({ kind: 'vote', proposalId });
    if (result?.ok && !result.duplicate) await say('replies:voteCounted');
  };
}
