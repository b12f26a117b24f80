import { extendHoursModal, extendModal } from '../../blocks';
import { trOf } from '../../blocks/words';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { mayAct } from '../support/phase-click';

/** More time: opens the modal that asks for minutes (live) or hours (asynchronous). */
export function extend(deps: ListenerDeps): ClickHandler {
  return async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.say('refusals:movedOn');
    const found = await mayAct(deps, click, tools, { kind: 'extend', phaseId, minutes: 5 });
    if (!found) return;
    const ref = { sessionId: found.session.id, seq: found.ref.seq, phaseId };
    const tr = trOf(found.session);
    await tools.open(found.session.settings.mode === 'async' ? extendHoursModal(tr, ref) : extendModal(tr, ref));
  };
}
