import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { stepOrConfirm } from '../support/step-or-confirm';

/** Start on the session card; whoever has not agreed is named for the facilitator to confirm. */
export function start(deps: ListenerDeps): ClickHandler {
  return (click, tools) => stepOrConfirm(deps, click, tools, { kind: 'start' });
}
