import type { ClickHandler } from '../support/guard';

/** "Pass on Q3": the presenter passes on one question, where the phase allows it. */
export function answerPass(): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'answer-pass', inputId });
  };
}
