import { manageModal } from '../../blocks/group-forms';
import type { ListenerDeps } from '../support/deps';
import { clickedGroup, groupCommandId, viewFor } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** A member's choices in the group view's overflow: facilitate or not at once, the others in their form. */
export function groupMenu(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const found = await clickedGroup(deps, click, tools);
    if (!found) return;
    const { ref, groups } = found;
    if (ref.op === 'facilitate' || ref.op === 'rest') {
      const result = await groups.dispatch(ref.groupId, click.user, groupCommandId(click), { kind: 'facilitates', on: ref.op === 'facilitate' });
      await tools.reply(result.ok ? (ref.op === 'facilitate' ? 'You facilitate in turn from now on.' : 'You no longer facilitate in turn.') : result.reason);
      return;
    }
    const view = await viewFor(found, click, tools);
    if (!view) return;
    if (!view.group.members.includes(click.user)) {
      await tools.reply('This is for members of the group. Join it first.');
      return;
    }
    const modal = ref.op ? manageModal(view.group, ref.op, view.now, click.user) : undefined;
    if (modal) await tools.open(modal);
  };
}
