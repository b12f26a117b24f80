import { translator } from '../../../i18n';
import { takeOffModal } from '../../blocks';
import { refusalText } from '../../refusals';
import type { ListenerDeps } from './deps';
import { encodeRefWithList } from '../../ids';
import type { ClickTools } from './guard';
import type { Click } from './payloads';

type StepBody = { kind: 'start' } | { kind: 'next-phase'; phaseId: string };

/**
 * Start, or move past the agreement step: when the engine answers that some
 * people have not agreed, the facilitator sees their names and confirms
 * before anyone is taken off (views/take-off-submitted.ts).
 */
export async function stepOrConfirm(deps: ListenerDeps, click: Click, tools: ClickTools, body: StepBody): Promise<void> {
  const result = await tools.dispatch(body, { quiet: true });
  const ref = click.ref;
  if (!result || result.ok || !ref) return;
  if (result.code === 'needs-confirmation' && result.people && result.people.length > 0) {
    const meta = encodeRefWithList({ sessionId: ref.sessionId, seq: ref.seq, ...(body.kind === 'next-phase' ? { phaseId: body.phaseId } : {}) }, result.people);
    const reason = refusalText(result.language, deps.formats.get(result.formatId), result);
    await tools.open(takeOffModal(translator(result.language), reason, meta, body.kind === 'start'));
    return;
  }
  await tools.refuse(result);
}
