import type { ClickHandler } from '../support/guard';
import { pickedItems } from '../support/phase-click';

/** "Confirm picks": the items chosen in the clicked message's pick menu. */
export function pickSubmit(): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    await tools.dispatch({ kind: 'pick', phaseId, items: pickedItems(click.state) });
  };
}
