import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';

/** "I pass": the person's turn in this round, passed. */
export function pass(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'pass', phaseId, round });
  };
}
