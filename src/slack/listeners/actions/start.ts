import type { ClickHandler } from '../support/guard';
import { stepOrConfirm } from '../support/step-or-confirm';

/** Start on the session card; whoever has not agreed is named for the facilitator to confirm. */
export function start(): ClickHandler {
  return (click, tools) => stepOrConfirm(click, tools, { kind: 'start' });
}
