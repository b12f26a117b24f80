import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** In the DM about a case not chosen: bring it to the group's next meeting (`carry`), or let it go. */
export function caseRelease(carry: boolean): (deps: ListenerDeps) => ClickHandler {
  return (deps) => async (click, { reply, say, refuse }) => {
    const proposalId = click.ref?.inputId;
    if (!click.ref || !proposalId || !deps.groups) {
      await say('replies:notOurs');
      return;
    }
    const result = await deps.groups.release(click.ref.sessionId, proposalId, click.user, carry);
    if (result.ok) await reply(carry ? 'Your case goes to the next meeting. You can withdraw it there with /intervision group.' : 'Your case is let go: it is deleted.');
    else if (result.code === 'missing') await say('replies:closed');
    else if ('reason' in result) await reply(result.reason);
    else await refuse(result);
  };
}
