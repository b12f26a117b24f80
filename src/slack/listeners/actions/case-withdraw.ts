import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** "Withdraw my case" while a meeting chooses one: the clicker's own case, found in the meeting. */
export function caseWithdraw(_deps: ListenerDeps): ClickHandler {
  return async (click, { load, dispatch, reply }) => {
    const found = await load();
    if (!found) return;
    const own = found.session.selection?.proposals.find((p) => p.author === click.user);
    if (!own) {
      await reply("You haven't proposed a case in this meeting.");
      return;
    }
    const result = await dispatch({ kind: 'withdraw-case', proposalId: own.id });
    if (result?.ok) await reply('Your case is withdrawn.');
  };
}
