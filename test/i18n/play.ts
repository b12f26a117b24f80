/**
 * Plays a whole session of a format through the engine, as people would:
 * the agreement, the case (written, or told), every round (inputs in the
 * first, passes after), the presenter's answers and passes, a clarification
 * asked and given, an input hidden, the picks (with a remark, and on a call
 * in the presenter's own words), the evaluations, the private copy turned
 * off and on, and the close. `step` is called after every accepted command,
 * so a test can draw whatever the session shows at that moment.
 */
import type { ChoicePhase, Format, RoundsPhase } from '../../src/engine/formats/schema';
import { pendingInRound, pickCandidates, turnHolder } from '../../src/engine/queries';
import type { CommandBody, Mode, Settings } from '../../src/engine/session';
import { FACILITATOR, PRESENTER, Table } from '../engine/table';

/** What the people type: no plain ASCII letter, so anything such on a surface is the bot's own text. */
export const TYPED = {
  title: 'Ψυχή ✦ 7',
  case: 'Ἡ ὁμάδα σιωπᾷ. 😶',
  input: (n: number) => `Ἐρώτημα №${n} ¿`,
  answer: 'Ναί, ἴσως.',
  clarification: 'Ἐννοῶ: τὸ πρωΐ.',
  remark: 'Γέφυρα 🌉',
  named: 'Σιωπή πρῶτα',
  evaluation: 'Πολὺ καλό.',
} as const;

export type Meeting = Mode | 'call';

export interface Played {
  table: Table;
  format: Format;
}

/** A table for `format`, met as `meeting`, its session in `language`, in a channel with a valid id and the typed title. */
export function tableFor(format: Format, meeting: Meeting, language: string): Table {
  const settings: Partial<Settings> = { ...(meeting === 'call' ? { onCall: true } : {}), language: language as Settings['language'] };
  const table = new Table({ format: format.id, mode: meeting === 'async' ? 'async' : 'live', settings });
  table.session = { ...table.session, channel: 'C0TEAM', title: TYPED.title };
  return table;
}

/** Sends a command that must be accepted, then lets the test look. */
function act(t: Table, actor: string, body: CommandBody, step: () => void): void {
  t.ok(actor, body);
  step();
}

/** The people whose turn it is now (live: the one holder; asynchronously: everyone still to go). */
function due(t: Table): string[] {
  const round = t.session.current?.round;
  if (!round) return [];
  if (t.session.settings.mode === 'live') {
    const holder = turnHolder(t.session);
    return holder ? [holder] : [];
  }
  return pendingInRound(t.session, round);
}

/** The first round: each gives an input (on a call said aloud, every other with a note); later rounds: everyone passes. */
function playRound(t: Table, phase: RoundsPhase, step: () => void): void {
  const round = t.roundNo;
  for (let n = 0; due(t).length > 0 && t.roundNo === round; n += 1) {
    const [who] = due(t);
    if (!who) break;
    if (round > 1) act(t, who, { kind: 'pass', phaseId: phase.id, round }, step);
    else if (t.session.settings.onCall === true && n % 2 === 0) act(t, who, { kind: 'input', phaseId: phase.id, round }, step);
    else act(t, who, { kind: 'input', phaseId: phase.id, round, text: TYPED.input(n) }, step);
  }
}

/** What the facilitator and the presenter do with the inputs once they can see them: clarify one, hide one, answer (or pass on) the rest. */
function guardAndAnswer(t: Table, phase: RoundsPhase, step: () => void): void {
  const visible = t.session.inputs.filter((i) => i.phaseId === phase.id && i.hidden === undefined && t.session.current?.round?.number !== i.round);
  const [first, second, third] = visible;
  if (first && first.clarification === undefined && first.author !== FACILITATOR) {
    act(t, FACILITATOR, { kind: 'ask-clarification', inputId: first.id }, step);
    act(t, first.author, { kind: 'clarify', inputId: first.id, text: TYPED.clarification }, step);
  }
  if (third && !phase.answerable) act(t, FACILITATOR, { kind: 'hide', inputId: third.id, reason: t.registry.require(t.session.formatId).hideReasons[0]?.id ?? '' }, step);
  if (!phase.answerable) return;
  for (const input of visible.filter((i) => i.answer === undefined)) {
    if (input === second && phase.answerPass) act(t, PRESENTER, { kind: 'answer-pass', inputId: input.id }, step);
    else if (t.session.settings.onCall === true) act(t, PRESENTER, { kind: 'answer', inputId: input.id, ...(input === first ? { text: TYPED.answer } : {}) }, step);
    else act(t, PRESENTER, { kind: 'answer', inputId: input.id, text: TYPED.answer }, step);
  }
}

function playRounds(t: Table, phase: RoundsPhase, step: () => void): void {
  for (let guard = 0; t.phaseId === phase.id && guard < 12; guard += 1) {
    if (t.roundNo > 1 || !t.session.current?.round) guardAndAnswer(t, phase, step);
    if (t.phaseId === phase.id && t.session.current?.round) playRound(t, phase, step);
    else break;
  }
}

function playChoice(t: Table, phase: ChoicePhase, step: () => void): void {
  const items = pickCandidates(t.session, phase).slice(0, phase.min);
  const named = t.session.settings.onCall === true && phase.fromPhase !== undefined ? { named: TYPED.named } : {};
  const remark = phase.remarkLabel ? { remark: TYPED.remark } : {};
  if (items.length > 0 || 'named' in named) act(t, PRESENTER, { kind: 'pick', phaseId: phase.id, items, ...named, ...remark }, step);
}

/** Plays the current phase to its end (the facilitator moves on when the phase waits for nothing more). */
function playPhase(t: Table, format: Format, step: () => void): void {
  const phase = format.phases.find((p) => p.id === t.phaseId);
  if (!phase) return;
  if (phase.kind === 'statement') act(t, PRESENTER, { kind: 'statement', phaseId: phase.id, ...(phase.text === 'required' || phase.id !== format.phases.find((p) => p.kind === 'statement')?.id ? { text: TYPED.case } : {}) }, step);
  if (phase.kind === 'rounds') playRounds(t, phase, step);
  if (phase.kind === 'choice') playChoice(t, phase, step);
  if (phase.kind === 'evaluation') {
    act(t, PRESENTER, { kind: 'evaluate', phaseId: phase.id, useful: 'partly', what: TYPED.evaluation }, step);
    for (const member of t.session.members) if (t.phaseId === phase.id) act(t, member, { kind: 'evaluate', phaseId: phase.id, useful: 'yes' }, step);
  }
  if (t.phaseId === phase.id && phase.kind !== 'end') act(t, FACILITATOR, { kind: 'next-phase', phaseId: phase.id }, step);
}

/** Plays a whole session of `format` on `t`; `step` after each command, `closing` just before the close. */
export function playWhole(t: Table, format: Format, step: () => void, closing: () => void): void {
  step();
  act(t, FACILITATOR, { kind: 'start' }, step);
  for (let guard = 0; t.session.status === 'running' && guard < 20; guard += 1) playPhase(t, format, step);
  act(t, PRESENTER, { kind: 'presenter-copy', on: false }, step);
  act(t, PRESENTER, { kind: 'presenter-copy', on: true }, step);
  closing();
  act(t, FACILITATOR, { kind: 'close', reason: 'facilitator' }, step);
}
