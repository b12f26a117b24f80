import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';

/** Close the round before everyone has had their turn (the facilitator). */
export function closeRound(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'close-round', phaseId, round });
  };
}
