import { turnHolder } from '../../../engine';
import type { ClickHandler } from '../support/guard';

/** Skip means the turn the facilitator saw; the seq on the button makes sure it still is. */
export function skip(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.say('refusals:movedOn');
    const found = await tools.load();
    if (!found) return;
    const member = turnHolder(found.session);
    if (!member) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'skip', phaseId, round, member });
  };
}
