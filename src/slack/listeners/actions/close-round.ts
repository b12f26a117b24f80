import type { ClickHandler } from '../support/guard';

/** Close the round before everyone has had their turn (the facilitator). */
export function closeRound(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'close-round', phaseId, round });
  };
}
