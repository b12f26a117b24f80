import { turnHolder } from '../../../engine';
import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';

/** Skip means the turn the facilitator saw; the seq on the button makes sure it still is. */
export function skip(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    const found = await tools.load();
    if (!found) return;
    const member = turnHolder(found.session);
    if (!member) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'skip', phaseId, round, member });
  };
}
