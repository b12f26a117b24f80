import type { types } from '@slack/bolt';
import type { Format, Noun, RoundsPhase } from '../../engine/formats/schema';
import type { Input, RoundState, Session, UserId } from '../../engine/session';
import { escapeBounded, mention, mentions } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type MessagePayload, actions, button, context, option, sections } from './kit';
import { answerButtons, answerWords, inputWords } from './turns';
import { paginate } from './pages';
import { deadlineText } from './waiting';
import { inputLabels, inputSpecOf, inputsOf, isActionable, markedAs, openRound, pendingInRound, phaseById, phaseState, roundNumbers } from './view-model';
import { count, escapedNoun, forRole, trOf, type Translator } from './words';

/**
 * The round board of a rounds phase: every input given so far, grouped by
 * round, with the presenter's answers and who passed. In asynchronous mode
 * the open round shows only who has taken their turn, not what they wrote,
 * until it closes. Long boards continue on further pages (messages).
 */

/** Escaped characters kept of one input and of one answer, so a single input always fits a page. */
const INPUT_BUDGET = 6000;
const ANSWER_BUDGET = 3000;
const CLARIFICATION_BUDGET = 2000;

/** Renders the board's pages in order; empty for phases that are not rounds or have not started. */
export function renderRoundBoards(session: Session, format: Format, phaseId: string, now: number): MessagePayload[] {
  void now; // deadlines render as <!date> tokens, which every reader's client counts down itself
  const phase = phaseById(format, phaseId);
  if (phase?.kind !== 'rounds' || phaseState(session, format, phaseId) === 'future') return [];
  const tr = trOf(session);
  const labels = inputLabels(session, format, phase);
  const noun = inputSpecOf(session, format, phase).noun;
  const inputs = inputsOf(session, phaseId);
  const groups: Block[][] = [];
  for (const number of roundNumbers(session, phaseId)) {
    groups.push(...roundGroups({ tr, session, format, phase, noun, labels }, number, inputs.filter((i) => i.round === number)));
  }
  if (groups.length === 0) groups.push([context([tr('board:empty', { inputs: escapedNoun(noun) })], 'empty')]);

  const headingFor = (page: number, pages: number): Block =>
    context([pages > 1 ? tr('board:headingPage', { phase: phase.title, page, pages }) : tr('board:heading', { phase: phase.title })], 'board-heading');
  const pages = paginate(groups, { blocks: 1, text: 120 + phase.title.length });
  const counted = count(tr, inputs.length, noun);
  return pages.map((blocks, i) => ({
    text: pages.length > 1 ? tr('board:textPage', { phase: phase.title, page: i + 1, pages: pages.length, inputs: counted }) : tr('board:text', { phase: phase.title, inputs: counted }),
    blocks: [headingFor(i + 1, pages.length), ...blocks],
  }));
}

/** What every part of one board is drawn with. */
interface Board {
  tr: Translator;
  session: Session;
  format: Format;
  phase: RoundsPhase;
  /** What an input is called here (the chosen method's word, where the phase takes it from a choice). */
  noun: Noun;
  labels: Map<string, string>;
}

function roundGroups(board: Board, number: number, inputs: Input[]): Block[][] {
  const { session, format, phase } = board;
  const open = openRound(session, phase.id);
  const isOpen = open?.number === number;
  const hidden = isOpen && session.settings.mode === 'async';
  const heading = roundHeading(board, number, isOpen ? open : undefined, inputs.length, hidden);
  if (hidden && open) return [[heading, context([hiddenRoundLine(board.tr, session, open)], `round-${number}-who`)]];

  const groups: Block[][] = [[heading]];
  const editable = isOpen && isActionable(session, format, phase.id);
  for (const input of inputs) groups.push(inputBlocks(board, input, editable));
  const closed = session.roundLog?.[phase.id]?.find((r) => r.number === number);
  const marks = isOpen && open ? marksLine(board.tr, markedAs(open, 'pass'), markedAs(open, 'skipped'), markedAs(open, 'timeout')) : closed ? marksLine(board.tr, closed.pass, closed.skipped, closed.timeout) : null;
  if (marks) groups.push([context([marks], `round-${number}-marks`)]);
  return groups;
}

function roundHeading(board: Board, number: number, open: RoundState | undefined, given: number, hidden: boolean): Block {
  const { tr, session } = board;
  const parts = [tr('board:round', { round: number })];
  if (!hidden) parts.push(count(tr, given, board.noun));
  if (open) parts.push(open.deadline !== undefined ? tr('board:closes', { when: deadlineText(session, open.deadline) }) : tr('board:inProgress'));
  return context([parts.join(' · ')], `round-${number}`);
}

function hiddenRoundLine(tr: Translator, session: Session, round: RoundState): string {
  const done = round.order.filter((u) => round.marks[u] !== undefined);
  const waiting = pendingInRound(session, round);
  const nobody = tr('common:nobody');
  return tr('board:hiddenRound', { done: mentions(done, nobody), waiting: mentions(waiting, nobody) });
}

/** "Passed: <@U4>, <@U5> · Skipped: … · No answer: …" for a round; null when everyone gave an input. */
function marksLine(tr: Translator, passed: UserId[] = [], skipped: UserId[] = [], timedOut: UserId[] = []): string | null {
  const nobody = tr('common:nobody');
  const parts: string[] = [];
  if (passed.length > 0) parts.push(tr('board:passed', { people: mentions(passed, nobody) }));
  if (skipped.length > 0) parts.push(tr('board:skipped', { people: mentions(skipped, nobody) }));
  if (timedOut.length > 0) parts.push(tr('board:noAnswer', { people: mentions(timedOut, nobody) }));
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** An input as the board shows it: its label, author and text, the answer or the pass, a clarification asked for or given. */
function inputText(board: Board, input: Input, label: string): string {
  const { tr, session, format } = board;
  const edited = input.editedAt !== undefined ? tr('board:edited') : '';
  let text = `*${label}* · ${mention(input.author)}: ${inputWords(tr, input, INPUT_BUDGET)}${edited}`;
  if (input.answer) text += `\n${answerWords(session, input.answer, ANSWER_BUDGET)}`;
  const clarification = input.clarification;
  if (clarification?.text !== undefined) text += `\n${tr('board:clarification', { text: escapeBounded(clarification.text, CLARIFICATION_BUDGET) })}`;
  else if (clarification) text += `\n${tr('board:clarifyAsked', { facilitator: escapedNoun(format.roles.facilitator), author: mention(input.author) })}`;
  return text;
}

function inputBlocks(board: Board, input: Input, editable: boolean): Block[] {
  const { session, format, phase } = board;
  const label = board.labels.get(input.id) ?? '';
  const blocks = sections(inputText(board, input, label), `input-${input.id}`);
  const first = blocks[0];
  const guarding = session.status === 'running';
  if ((editable || guarding) && first?.type === 'section') first.accessory = inputMenu(board, input, editable);
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, inputId: input.id });
  const buttons: Button[] = [];
  if (phase.answerable && isActionable(session, format, phase.id) && input.answer === undefined) {
    buttons.push(...answerButtons(session, format, phase, input, label));
  }
  // The author's one clarification, while the session runs.
  if (guarding && input.clarification && input.clarification.text === undefined) buttons.push(button(board.tr('board:clarify', { label }), ACTIONS.clarify, value));
  const row = actions(`answer-${input.id}`, buttons);
  if (row) blocks.push(row);
  return blocks;
}

/**
 * The overflow on an input: Edit and Withdraw for its author while its round
 * is open; Ask to clarify and Hide for the facilitator while the session
 * runs. Everyone sees it; the engine checks who chose what.
 */
function inputMenu(board: Board, input: Input, editable: boolean): types.Overflow {
  const { tr, session, format } = board;
  const ref = { sessionId: session.id, seq: session.seq, inputId: input.id };
  const role = format.roles.facilitator;
  // On a call the input was said aloud: what its author may change is the note.
  const edit = tr(input.spoken ? 'board:menu.editNote' : 'board:menu.edit');
  const author = editable
    ? [option(edit, encodeAction({ ...ref, op: 'edit' })), option(tr('board:menu.withdraw'), encodeAction({ ...ref, op: 'withdraw' }))]
    : [];
  const facilitator =
    session.status === 'running'
      ? [option(forRole(tr, tr('board:menu.ask'), role), encodeAction({ ...ref, op: 'ask' })), option(forRole(tr, tr('board:menu.hide'), role), encodeAction({ ...ref, op: 'hide' }))]
      : [];
  return { type: 'overflow', action_id: ACTIONS.inputMenu, options: [...author, ...facilitator] };
}
