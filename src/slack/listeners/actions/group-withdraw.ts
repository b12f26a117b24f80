import type { ListenerDeps } from '../support/deps';
import { groupCommand } from '../support/group-click';
import type { ClickHandler } from '../support/guard';

/** "Withdraw my case" before the meeting: its title is deleted. */
export function groupWithdraw(deps: ListenerDeps): ClickHandler {
  return groupCommand(deps, { kind: 'withdraw' }, () => 'Your case is withdrawn; its title is deleted.');
}
