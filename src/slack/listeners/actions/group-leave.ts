import { escapeBounded } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import { groupCommand } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** Leave on a group's card or view: the clicker's place in the rotation, days away and proposed case go with them. */
export function groupLeave(deps: ListenerDeps): ClickHandler {
  return groupCommand(deps, { kind: 'leave' }, (name) => `You left *${escapeBounded(name, 100)}*. Nothing of yours is kept in it.`);
}
