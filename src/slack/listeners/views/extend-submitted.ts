import { EXTEND_HOURS_MAX, MODAL_FIELDS } from '../../blocks';
import { parseAction } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { personTr } from '../support/speech';
import { type SubmitHandler, submitCommand } from '../support/guard';

/** The more-time modal (actions/extend.ts). */
export function extendSubmitted(deps: ListenerDeps): SubmitHandler {
  const T = MODAL_FIELDS;
  return async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined) return { [T.minutes]: (await personTr(deps, s.user))('replies:formOutOfDate') };
    // An asynchronous session's modal asks for hours (its deadlines are hours or days away), a live one's for minutes.
    if (s.inputBlocks.includes(T.hours)) {
      const hours = s.values.integer(T.hours, T.hours);
      if (hours === undefined || !Number.isInteger(hours) || hours < 1 || hours > EXTEND_HOURS_MAX) return { [T.hours]: (await personTr(deps, s.user))('form:errors.hours', { min: 1, max: EXTEND_HOURS_MAX }) };
      return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'extend', phaseId: ref.phaseId, minutes: hours * 60 }, T.hours);
    }
    const minutes = s.values.integer(T.minutes, T.minutes);
    if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > 120) return { [T.minutes]: (await personTr(deps, s.user))('form:errors.minutes', { min: 1, max: 120 }) };
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'extend', phaseId: ref.phaseId, minutes }, T.minutes);
  };
}
