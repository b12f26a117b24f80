import type { App } from '@slack/bolt';
import type { Usefulness } from '../../engine/session';
import { AGREED, EXTEND_HOURS_MAX, MODAL_FIELDS, joinedView } from '../blocks';
import { CALLBACKS, parseAction } from '../ids';
import { registerNewSessionSubmit } from './new-session-submit';
import { parseRemarkMeta } from './support/remark-meta';
import { peopleSubmitted } from './views/people-submitted';
import { takeOffSubmitted } from './views/take-off-submitted';
import { type ListenerDeps, logFailure, reasonOf } from './support/deps';
import { type SubmitAnswer, onSubmit, submitCommand } from './support/guard';

/**
 * Modal submissions: where people write their case, inputs, answers,
 * evaluations and remarks, so the bot posts (and later deletes) all of it.
 * Each submission is decided before the ack, so a refusal ("It's Bob's
 * turn") appears in the modal, on its field, and nothing is lost.
 */

const OUT_OF_DATE = 'This form is out of date. Please close it and use the buttons in the thread again.';
const USEFUL: readonly Usefulness[] = ['yes', 'partly', 'no'];

/** Registers the modal submission listeners; with no session services, none. */
export function registerViews(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  registerNewSessionSubmit(app, deps);
  onSubmit(app, deps, CALLBACKS.people, peopleSubmitted(deps));
  onSubmit(app, deps, CALLBACKS.takeOff, takeOffSubmitted(deps));
  const T = MODAL_FIELDS;

  onSubmit(app, deps, CALLBACKS.input, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined || ref.round === undefined) return { [T.text]: OUT_OF_DATE };
    const text = s.values.text(T.text, T.text) ?? '';
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'input', phaseId: ref.phaseId, round: ref.round, text }, T.text);
  });

  onSubmit(app, deps, CALLBACKS.edit, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.inputId === undefined) return { [T.text]: OUT_OF_DATE };
    const text = s.values.text(T.text, T.text) ?? '';
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'edit', inputId: ref.inputId, text }, T.text);
  });

  onSubmit(app, deps, CALLBACKS.answer, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.inputId === undefined) return { [T.text]: OUT_OF_DATE };
    const text = s.values.text(T.text, T.text) ?? '';
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'answer', inputId: ref.inputId, text }, T.text);
  });

  onSubmit(app, deps, CALLBACKS.statement, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined) return { [T.text]: OUT_OF_DATE };
    const text = s.values.text(T.text, T.text) ?? '';
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'statement', phaseId: ref.phaseId, text }, T.text);
  });

  onSubmit(app, deps, CALLBACKS.evaluate, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined) return { [T.useful]: OUT_OF_DATE };
    const useful = USEFUL.find((u) => u === s.values.option(T.useful, T.useful));
    if (!useful) return { [T.useful]: 'Please choose one answer.' };
    const what = s.values.text(T.what, T.what);
    const command = { kind: 'evaluate' as const, phaseId: ref.phaseId, useful, ...(what !== undefined ? { what } : {}) };
    return submitCommand(deps, s, ref.sessionId, ref.seq, command, T.useful);
  });

  // Confirming the agreement shows at once: the modal says so, the card marks the person ✓, and
  // (in a channel thread) an ephemeral beside the card; a private room appears in their sidebar.
  onSubmit(app, deps, CALLBACKS.join, async (s, { client }): Promise<SubmitAnswer> => {
    const ref = parseAction(s.privateMetadata);
    if (!ref) return { [T.agree]: OUT_OF_DATE };
    if (!s.values.options(T.agree, T.agree).includes(AGREED)) return { [T.agree]: 'Please tick “I agree” to join: it is what makes the session safe for the presenter.' };
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, kind: 'join' });
    if (!result.ok) return { [T.agree]: reasonOf(result) };
    const { session } = result;
    if (!session.room && !result.duplicate) {
      await client.chat
        .postEphemeral({ channel: session.channel, user: s.user, text: "✓ You're in: you confirmed the confidentiality agreement. The session happens in the thread of its card." })
        .catch((error: unknown) => logFailure(deps.logger, { listener: 'view', callbackId: CALLBACKS.join }, error));
    }
    return { update: joinedView(session) };
  });

  onSubmit(app, deps, CALLBACKS.extend, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref || ref.phaseId === undefined) return { [T.minutes]: OUT_OF_DATE };
    // An asynchronous session's modal asks for hours (its deadlines are hours or days away), a live one's for minutes.
    if (s.inputBlocks.includes(T.hours)) {
      const hours = s.values.integer(T.hours, T.hours);
      if (hours === undefined || !Number.isInteger(hours) || hours < 1 || hours > EXTEND_HOURS_MAX) return { [T.hours]: `Please give 1 to ${EXTEND_HOURS_MAX} hours.` };
      return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'extend', phaseId: ref.phaseId, minutes: hours * 60 }, T.hours);
    }
    const minutes = s.values.integer(T.minutes, T.minutes);
    if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > 120) return { [T.minutes]: 'Please give 1 to 120 minutes.' };
    return submitCommand(deps, s, ref.sessionId, ref.seq, { kind: 'extend', phaseId: ref.phaseId, minutes }, T.minutes);
  });

  onSubmit(app, deps, CALLBACKS.remark, async (s) => {
    const meta = parseRemarkMeta(s.privateMetadata);
    if (!meta || meta.ref.phaseId === undefined) return { [T.remark]: OUT_OF_DATE };
    const remark = s.values.text(T.remark, T.remark);
    const command = { kind: 'pick' as const, phaseId: meta.ref.phaseId, items: meta.items, ...(remark !== undefined ? { remark } : {}) };
    return submitCommand(deps, s, meta.ref.sessionId, meta.ref.seq, command, T.remark);
  });
}
