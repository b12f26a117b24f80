import { nextMeeting } from '../../../engine/groups/queries';
import { proposeModal } from '../../blocks/group-forms';
import type { ListenerDeps } from '../support/deps';
import { clickedGroup, viewFor } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** "I bring a case" (the view, the ask DM): the form with the optional title, unless the engine says no first. */
export function groupPropose(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const found = await clickedGroup(deps, click, tools);
    const view = found && (await viewFor(found, click, tools));
    if (!found || !view) return;
    const refused = found.groups.precheck(view, click.user, { kind: 'propose' });
    if (refused) {
      await tools.reply(refused.reason);
      return;
    }
    const own = view.proposals.can === 'own' ? view.proposals.own : view.proposals.can === 'all' ? view.proposals.proposals.find((p) => p.author === click.user) : undefined;
    await tools.open(proposeModal(view.group, nextMeeting(view.group, view.now)?.at, own?.title));
  };
}
