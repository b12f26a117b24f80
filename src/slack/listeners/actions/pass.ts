import type { ClickHandler } from '../support/guard';

/** "I pass": the person's turn in this round, passed. */
export function pass(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'pass', phaseId, round });
  };
}
