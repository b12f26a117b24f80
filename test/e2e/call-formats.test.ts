/**
 * An Agile-Intervision held live on a call, through Slack: where the call
 * mode meets the format's own words and steps and the facilitator's guarding.
 * The buttons name the format's roles ("Done (case giver)", "Answered Q1
 * (case giver)"); the focused questions are answered aloud or passed on;
 * a question said aloud is hidden (its author told what they *said* left the
 * board) or clarified in writing under "said it aloud"; the closing round
 * reaches the facilitator, who is told it is their turn; the case giver's copy
 * counts what was only said aloud (the case giver's own take-away too) in the format's words.
 */
import { formats } from '../../src/engine';
import type { ChoicePhase, RoundsPhase } from '../../src/engine/formats/schema';
import type { Json, SeenItem } from '../../dev/emulator';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { boardOf, click, createSession, inThread, newestEphemeral, pickMenuOptions, promptOf, storedSession, textOf, turnNotes, turnOf, writeInModal } from './play';

const MARK = 'CONFIDENTIAL';
const format = formats.require('agile-intervision');
const rounds = (id: string): RoundsPhase => format.phases.find((p): p is RoundsPhase => p.kind === 'rounds' && p.id === id) as RoundsPhase;
const observations = rounds('observations');
const focused = rounds('focused-questions');
const closing = rounds('closing-round');
const resonance = format.phases.find((p): p is ChoicePhase => p.id === 'resonance') as ChoicePhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;

let bot: TestBot;
let sessionId = '';

/** The section text beside an input's overflow on its board: how a person names that menu. */
function menuOf(phase: RoundsPhase, inputId: string): { name: string; item: SeenItem; block: Json } {
  const item = boardOf(bot, phase);
  const block = item?.blocks.find((b) => b.block_id === `input-${inputId}`);
  if (!item || !block) throw new Error(`no ${inputId} on the ${phase.title} board`);
  return { name: (block.text as { text: string }).text, item, block };
}

/** What a person's newest direct message says. */
const newestDm = (user: string): string => textOf(bot.person(user).dms().at(-1));

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('is created on a call; the case giver tells the case and marks it done with the format\'s role word', async () => {
  sessionId = await createSession(bot, { format: format.name, facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], facilitatorIsMember: false, onCall: true });
  expect((await storedSession(bot, sessionId)).settings).toMatchObject({ mode: 'live', onCall: true });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case giver)');
  expect(turnOf(bot, observations)).toEqual({ holder: carol, round: 1 });
  expect(textOf(promptOf(bot, observations))).toContain(`*It's <@${carol}>'s turn*: say it aloud, then “Done”, or “I pass”.`);
});

it('observations said aloud, one noted; the case giver picks the noted one as resonating', async () => {
  await writeInModal(bot, carol, 'Done, with a note', { 'Your note (optional)': `${MARK} your voice dropped` });
  await click(bot, dave, 'Done');
  await click(bot, erin, 'I pass');
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  const [noted] = pickMenuOptions(bot, resonance);
  expect(pickMenuOptions(bot, resonance)).toEqual([`O1 · ${MARK} your voice dropped`]);
  await bot.person(PRESENTER).selectOption(resonance.pickLabel, [noted ?? ''], inThread(bot));
  await bot.settle();
  await click(bot, PRESENTER, 'Confirm picks (case giver)');
  expect(turnOf(bot, focused)).toEqual({ holder: carol, round: 1 });
  // The focused questions recall what resonated, as the board showed it.
  expect(textOf(promptOf(bot, focused))).toContain(`_said it aloud_ · note: ${MARK} your voice dropped`);
});

it('a question said aloud is hidden: it leaves the board and its author is told, privately, that what they said was taken off', async () => {
  await click(bot, carol, 'Done');
  await writeInModal(bot, dave, 'Done, with a note', { 'Your note (optional)': `${MARK} why not just say it?` });
  await bot.person(FACILITATOR).selectOption(menuOf(focused, 'i4').name, 'Hide (facilitator)', inThread(bot));
  await bot.settle();
  const modal = bot.person(FACILITATOR).modal();
  expect(modal.text()).toContain(`_said it aloud_ · note: ${MARK} why not just say it?`);
  await modal.select('Why', 'Advice dressed as a question');
  expect((await modal.submit()).errors).toBeUndefined();
  await bot.settle();
  expect(textOf(boardOf(bot, focused))).not.toContain('why not just say it');
  const note = newestDm(dave);
  expect(note).toContain(`The facilitator (<@${FACILITATOR}>) took *Q2*, which you said in *${focused.title}*`);
  expect(note).not.toContain(MARK);
});

it('a question said aloud without a note is clarified in writing, under "said it aloud"', async () => {
  await bot.person(FACILITATOR).selectOption(menuOf(focused, 'i3').name, 'Ask to clarify (facilitator)', inThread(bot));
  await bot.settle();
  expect(newestDm(carol)).toContain(`asks you to clarify *Q1*, which you said in *${focused.title}*`);
  await bot.person(carol).click('Clarify Q1', 'dm');
  await bot.settle();
  const modal = bot.person(carol).modal();
  expect(modal.text()).toContain('asks you to clarify what you said:');
  await modal.fill('Your clarification', `${MARK} what would you want, if nobody minded?`);
  expect((await modal.submit()).errors).toBeUndefined();
  await bot.settle();
  expect(textOf(boardOf(bot, focused))).toContain(`*Q1* · <@${carol}>: _said it aloud_\n↳ *Clarification:* ${MARK} what would you want, if nobody minded?`);
});

it('the case giver may answer aloud or pass on it, in the format\'s words; only they can; the hidden question waits for nothing', async () => {
  const buttons = bot.person(PRESENTER).read(inThread(bot));
  expect(buttons).toContain('Answered Q1 (case giver)');
  expect(buttons).not.toContain('Q2 (case giver)');
  await click(bot, carol, 'Pass on Q1 (case giver)');
  expect(newestEphemeral(bot, carol)).toBe(`Only the case giver (<@${PRESENTER}>) answers the questions.`);
  await click(bot, PRESENTER, 'Pass on Q1 (case giver)');
  expect(textOf(boardOf(bot, focused))).toContain(`↳ _<@${PRESENTER}> passed on it._`);
  await click(bot, erin, 'I pass');
  for (const user of [carol, dave, erin]) await click(bot, user, 'I pass');
  expect(textOf(promptOf(bot, focused))).toContain('Phase done — 2 rounds, 1 question, 0 answered, 1 passed.');
});

it('the closing round: the case giver first, the facilitator last, and told when it is their turn', async () => {
  expect(turnOf(bot, closing)).toEqual({ holder: PRESENTER, round: 1 });
  await click(bot, PRESENTER, 'Done');
  await click(bot, carol, 'Done');
  await click(bot, dave, 'I pass');
  await click(bot, erin, 'Done');
  expect(turnOf(bot, closing)).toEqual({ holder: FACILITATOR, round: 1 });
  expect(turnNotes(bot, FACILITATOR).at(-1)).toContain(`It's your turn in *${closing.title}* (round 1).`);
  await writeInModal(bot, FACILITATOR, 'Done, with a note', { 'Your note (optional)': `${MARK} slow down when it gets quiet` });
  expect((await storedSession(bot, sessionId)).status).toBe('ended');
});

it('at the close, the case giver\'s copy holds what was written and counts what was only said aloud', async () => {
  await click(bot, FACILITATOR, 'Close (facilitator)');
  const copy = bot.person(PRESENTER).read('dm');
  expect(copy).toContain(`${MARK} your voice dropped`);
  expect(copy).toContain(`↳ *Clarification:* ${MARK} what would you want, if nobody minded?`);
  expect(copy).not.toContain('why not just say it');
  expect(copy).toContain('Said aloud and not noted: 1 observation.');
  expect(copy).toContain('Said aloud and not noted: 3 take-aways.');
  expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);
});
