import type { ClickHandler } from '../support/guard';
import { MOVED_ON } from '../support/phase-click';

/** "Pass on Q3": the presenter passes on one question, where the phase allows it. */
export function answerPass(): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'answer-pass', inputId });
  };
}
