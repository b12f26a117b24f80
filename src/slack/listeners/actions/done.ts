import type { ClickHandler } from '../support/guard';

/** "Done" on a call: the person said their input aloud; it is recorded at once, without a note. */
export function done(): ClickHandler {
  return async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'input', phaseId, round });
  };
}
