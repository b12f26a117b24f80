import type { ClickHandler } from '../support/guard';

/** "Answered Q3" on a call: the presenter answered the question aloud; recorded at once. */
export function answered(): ClickHandler {
  return async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'answer', inputId });
  };
}
