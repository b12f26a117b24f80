import type { ListenerDeps } from '../support/deps';
import { clickedGroup, groupCommandId } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** The owner deletes the group (confirmed in Slack's dialog): its card and everything it keeps. */
export function groupDelete(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const found = await clickedGroup(deps, click, tools);
    if (!found) return;
    const result = await found.groups.delete(found.ref.groupId, click.user, groupCommandId(click));
    await tools.reply(result.ok ? 'The group is deleted, with its card and everything it kept.' : result.reason);
  };
}
