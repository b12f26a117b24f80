import type { ListenerDeps } from '../support/deps';
import { clickedGroup, viewFor } from '../support/group-click';
import type { ClickHandler } from '../support/guard';
import { groupViewOf } from '../support/group-view';

/** More on a group's card: the group as the clicker may see it, to them alone. */
export function groupMore(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const found = await clickedGroup(deps, click, tools);
    const view = found && (await viewFor(found, click, tools));
    if (!view) return;
    const message = groupViewOf(deps, view, click.user);
    await tools.reply(message.text, message.blocks);
  };
}
