import type { ClickHandler } from '../support/guard';

/** Done on a statement phase: the statement is final. */
export function statementDone(): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'statement', phaseId });
  };
}
