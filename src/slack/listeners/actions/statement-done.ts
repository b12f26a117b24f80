import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';

/** Done on a statement phase: the statement is final. */
export function statementDone(): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'statement', phaseId });
  };
}
