import { z } from 'zod';
import type { UserId } from '../../../engine/session';
import { notDoneView } from '../../blocks';
import { type ActionRef, parseRefWithList } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr, refusalFor } from '../support/speech';
import { translator } from '../../../i18n';
import type { SubmitHandler } from '../support/guard';

const people = z.array(z.string().regex(/^[UW][A-Z0-9]{2,30}$/)).min(1).max(40);

/** The reference the facilitator saw and the people a confirmation names; null when it is not ours. */
function parseTakeOffMeta(value: string | undefined): { ref: ActionRef; people: UserId[] } | null {
  const parsed = parseRefWithList(value, people);
  return parsed ? { ref: parsed.ref, people: parsed.items } : null;
}

/**
 * The facilitator confirms taking off whoever has not agreed (support/step-or-confirm.ts),
 * at the start or past the agreement step; the engine decides again.
 */
export function takeOffSubmitted(deps: ListenerDeps): SubmitHandler {
  return async (s) => {
    const meta = parseTakeOffMeta(s.privateMetadata);
    if (!meta) {
      const tr = await personTr(deps, s.user);
      return { update: notDoneView(tr, tr('replies:takeOffOutOfDate')) };
    }
    const { ref } = meta;
    const body = ref.phaseId === undefined ? { kind: 'start' as const, without: meta.people } : { kind: 'next-phase' as const, phaseId: ref.phaseId, without: meta.people };
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, ...body });
    if (result.ok) return undefined;
    const tr = 'language' in result ? translator(result.language) : await personTr(deps, s.user);
    const reason = result.code === 'stale' ? tr('replies:takeOffStale') : await refusalFor(deps, s.user, result);
    return { update: notDoneView(tr, reason) };
  };
}
