import { escapeBounded } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import { groupCommand } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** Join on a group's card or view: the clicker becomes a member and facilitates in turn. */
export function groupJoin(deps: ListenerDeps): ClickHandler {
  return groupCommand(deps, { kind: 'join' }, (name) => `You joined *${escapeBounded(name, 100)}*. Before each meeting you are asked whether you bring a case.`);
}
