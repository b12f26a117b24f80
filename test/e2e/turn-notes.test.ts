/**
 * A live session in writing, as the members see their turns come: a short
 * note in the thread, only for the person whose turn begins, at that moment;
 * a member who asks for it hears of their turns by direct message instead,
 * and the DM drops its buttons once the turn has passed; back to the thread
 * from the DM. Nobody is told when the turn comes back right after they passed.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { dmsPostedTo } from './async-play';
import { click, createSession, giveInput, newestEphemeral, textOf, turnNotes, turnOf, writeInModal } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.kind === 'rounds') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;
const TURN_DM = "It's your turn in";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], facilitatorIsMember: false });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case presenter)');
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('the holder finds a note in the thread when their turn begins; nobody else sees it', async () => {
  expect(turnNotes(bot, carol)).toEqual([`It's your turn in *${questions.title}* (round 1).\nTell me by direct message instead`]);
  expect(turnNotes(bot, dave)).toEqual([]);
  expect(bot.thread().map(textOf).join('\n')).not.toContain("It's your turn in");
  await giveInput(bot, carol, questions, 'What did you try first?');
  expect(turnNotes(bot, dave)).toHaveLength(1);
});

it('from the note, Dave chooses direct messages: the bot says so, and his next turn comes by DM, not in the thread', async () => {
  await bot.person(dave).click('Tell me by direct message instead', 'ephemeral');
  await bot.settle();
  expect(newestEphemeral(bot, dave)).toBe("From now on I'll tell you by direct message when it's your turn.");
  await giveInput(bot, dave, questions, 'Who was there?');
  await click(bot, erin, 'I pass');
  // Round 2: Carol, then Dave.
  await click(bot, carol, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: dave, round: 2 });
  expect(turnNotes(bot, dave)).toHaveLength(1);
  expect(dmsPostedTo(bot.emulator, dave, TURN_DM)).toHaveLength(1);
  const dm = textOf(bot.person(dave).dms().at(-1));
  expect(dm).toContain(`It's your turn in *${questions.title}* (round 2) in “Peer group”.`);
  expect(dm).toContain('Tell me in the thread instead');
});

it('Dave passes from the DM; the DM then says his turn has passed, with no buttons left', async () => {
  await bot.person(dave).click('I pass', 'dm');
  await bot.settle();
  expect(turnOf(bot, questions)).toEqual({ holder: erin, round: 2 });
  const dm = bot.person(dave).dms().at(-1);
  expect(textOf(dm)).toContain(`Your turn in *${questions.title}* (round 2) in “Peer group” has passed; the session has moved on.`);
  expect(dm?.blocks.some((b) => b.type === 'actions')).toBe(false);
  // Updated in place: still the one DM.
  expect(dmsPostedTo(bot.emulator, dave, TURN_DM)).toHaveLength(1);
});

it('Erin passed in round 1 and is not told when the turn comes back to her; her pass ends the rounds quietly', async () => {
  // Her one note is from round 1: the round 2 turn that reached her came after her pass.
  expect(turnNotes(bot, erin)).toHaveLength(1);
  await click(bot, erin, 'I pass');
  expect(turnOf(bot, questions)).toBeUndefined();
  expect(turnNotes(bot, erin)).toHaveLength(1);
});

it('back to the thread from a turn DM: the next turn is a note in the thread again', async () => {
  await writeInModal(bot, PRESENTER, 'Answer Q1 (case presenter)', { 'Your answer': 'A new format.' });
  await writeInModal(bot, PRESENTER, 'Answer Q2 (case presenter)', { 'Your answer': 'The team.' });
  const appreciation = format.phases.find((p): p is RoundsPhase => p.kind === 'rounds' && p.id === 'appreciation') as RoundsPhase;
  await giveInput(bot, carol, appreciation, 'You kept asking.');
  expect(dmsPostedTo(bot.emulator, dave, TURN_DM)).toHaveLength(2);
  await bot.person(dave).click('Tell me in the thread instead', 'dm');
  await bot.settle();
  expect(newestEphemeral(bot, dave)).toBe("From now on I'll tell you in the session thread (only you see it) when it's your turn.");
  const notesBefore = turnNotes(bot, dave).length;
  await giveInput(bot, dave, appreciation, 'You stayed calm.');
  await click(bot, erin, 'I pass');
  await click(bot, carol, 'I pass');
  expect(turnOf(bot, appreciation)).toEqual({ holder: dave, round: 2 });
  expect(turnNotes(bot, dave)).toHaveLength(notesBefore + 1);
  expect(dmsPostedTo(bot.emulator, dave, TURN_DM)).toHaveLength(2);
});
