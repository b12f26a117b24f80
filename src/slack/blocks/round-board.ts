import type { types } from '@slack/bolt';
import type { Format, RoundsPhase } from '../../engine/formats/schema';
import type { Input, RoundState, Session, UserId } from '../../engine/session';
import { mention, mentions } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type MessagePayload, actions, context, option, sections } from './kit';
import { answerButton, answerWords, inputWords } from './turns';
import { paginate } from './pages';
import { deadlineText } from './waiting';
import { count, inputLabels, inputsOf, isActionable, markedAs, openRound, pendingInRound, phaseById, phaseState, roundNumbers } from './view-model';

/**
 * The round board of a rounds phase: every input given so far, grouped by
 * round, with the presenter's answers and who passed. In asynchronous mode
 * the open round shows only who has taken their turn, not what they wrote,
 * until it closes. Long boards continue on further pages (messages).
 */

/** Escaped characters kept of one input and of one answer, so a single input always fits a page. */
const INPUT_BUDGET = 6000;
const ANSWER_BUDGET = 3000;

/** Renders the board's pages in order; empty for phases that are not rounds or have not started. */
export function renderRoundBoards(session: Session, format: Format, phaseId: string, now: number): MessagePayload[] {
  void now; // deadlines render as <!date> tokens, which every reader's client counts down itself
  const phase = phaseById(format, phaseId);
  if (phase?.kind !== 'rounds' || phaseState(session, format, phaseId) === 'future') return [];
  const labels = inputLabels(session, phase);
  const inputs = inputsOf(session, phaseId);
  const groups: Block[][] = [];
  for (const number of roundNumbers(session, phaseId)) {
    groups.push(...roundGroups(session, format, phase, number, inputs.filter((i) => i.round === number), labels));
  }
  if (groups.length === 0) groups.push([context([`No ${phase.input.noun} yet.`], 'empty')]);

  const headingFor = (page: number, pages: number): Block =>
    context([`*${phase.title}* · round board${pages > 1 ? ` (page ${page} of ${pages})` : ''}`], 'board-heading');
  const pages = paginate(groups, { blocks: 1, text: 120 + phase.title.length });
  return pages.map((blocks, i) => ({
    text: `${phase.title}: round board${pages.length > 1 ? `, page ${i + 1} of ${pages.length}` : ''} (${count(inputs.length, phase.input.noun)})`,
    blocks: [headingFor(i + 1, pages.length), ...blocks],
  }));
}

function roundGroups(
  session: Session,
  format: Format,
  phase: RoundsPhase,
  number: number,
  inputs: Input[],
  labels: Map<string, string>,
): Block[][] {
  const open = openRound(session, phase.id);
  const isOpen = open?.number === number;
  const hidden = isOpen && session.settings.mode === 'async';
  const heading = roundHeading(session, number, isOpen ? open : undefined, inputs.length, phase.input.noun, hidden);
  if (hidden && open) return [[heading, context([hiddenRoundLine(session, open)], `round-${number}-who`)]];

  const groups: Block[][] = [[heading]];
  const editable = isOpen && isActionable(session, format, phase.id);
  const answerable = phase.answerable && isActionable(session, format, phase.id);
  for (const input of inputs) {
    groups.push(inputBlocks(session, phase, input, labels.get(input.id) ?? '', editable, answerable));
  }
  const closed = session.roundLog?.[phase.id]?.find((r) => r.number === number);
  const marks = isOpen && open ? marksLine(markedAs(open, 'pass'), markedAs(open, 'skipped'), markedAs(open, 'timeout')) : closed ? marksLine(closed.pass, closed.skipped, closed.timeout) : null;
  if (marks) groups.push([context([marks], `round-${number}-marks`)]);
  return groups;
}

function roundHeading(
  session: Session,
  number: number,
  open: RoundState | undefined,
  given: number,
  noun: string,
  hidden: boolean,
): Block {
  let state = hidden ? '' : ` · ${count(given, noun)}`;
  if (open) {
    state += open.deadline !== undefined ? ` · open, closes ${deadlineText(session, open.deadline)}` : ' · in progress';
  }
  return context([`*Round ${number}*${state}`], `round-${number}`);
}

function hiddenRoundLine(session: Session, round: RoundState): string {
  const done = round.order.filter((u) => round.marks[u] !== undefined);
  const waiting = pendingInRound(session, round);
  return `Done this round: ${mentions(done)} · still to come: ${mentions(waiting)}. What was written is shown when the round closes.`;
}

/** "Passed: <@U4>, <@U5> · Skipped: … · No answer: …" for a round; null when everyone gave an input. */
function marksLine(passed: UserId[] = [], skipped: UserId[] = [], timedOut: UserId[] = []): string | null {
  const parts: string[] = [];
  if (passed.length > 0) parts.push(`Passed: ${mentions(passed)}`);
  if (skipped.length > 0) parts.push(`Skipped: ${mentions(skipped)}`);
  if (timedOut.length > 0) parts.push(`No answer: ${mentions(timedOut)}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function inputBlocks(
  session: Session,
  phase: RoundsPhase,
  input: Input,
  label: string,
  editable: boolean,
  answerable: boolean,
): Block[] {
  const edited = input.editedAt !== undefined ? ' _(edited)_' : '';
  let text = `*${label}* · ${mention(input.author)}: ${inputWords(input, INPUT_BUDGET)}${edited}`;
  if (input.answer) text += `\n${answerWords(input.answer, ANSWER_BUDGET)}`;
  const blocks = sections(text, `input-${input.id}`);
  const first = blocks[0];
  if (editable && first?.type === 'section') first.accessory = inputMenu(session, phase, input);
  if (answerable && input.answer === undefined) {
    const row = actions(`answer-${input.id}`, [answerButton(session, phase, input, label)]);
    if (row) blocks.push(row);
  }
  return blocks;
}

/** Edit / Withdraw for the input's author while its round is open (the listener checks who clicks). */
function inputMenu(session: Session, phase: RoundsPhase, input: Input): types.Overflow {
  const ref = { sessionId: session.id, seq: session.seq, inputId: input.id };
  return {
    type: 'overflow',
    action_id: ACTIONS.inputMenu,
    options: [
      option(input.spoken ? 'Edit my note' : `Edit my ${phase.input.noun}`, encodeAction({ ...ref, op: 'edit' })),
      option(`Withdraw my ${phase.input.noun}`, encodeAction({ ...ref, op: 'withdraw' })),
    ],
  };
}
