/**
 * The facilitator's buttons of an asynchronous session: Pause (nothing
 * moves, and people hear why), Resume, and Close round (who has not taken
 * their turn is marked skipped, and the next round opens).
 */
import { formats } from '../../../src/engine';
import type { RoundsPhase } from '../../../src/engine/formats/schema';
import { PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { createAsyncSession } from '../../e2e/async-play';
import { boardOf, click, promptOf, textOf, writeInModal } from '../../e2e/play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave } = PEOPLE;

let bot: TestBot;
let sessionId = '';

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave], facilitatorIsMember: true });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await writeInModal(bot, PRESENTER, 'Write your case (case presenter)', { 'Write your case': 'A case written for the week' });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('takes the presenter time zone for working days, and shows who has taken their turn, not what they wrote', async () => {
  expect((await bot.store.load(sessionId))?.settings.timeZone).toBe('America/New_York');
  await writeInModal(bot, carol, questions.input.label, { 'Question': 'What changed in March?' });
  const board = textOf(boardOf(bot, questions));
  expect(board).toContain(`Done this round: <@${carol}>`);
  expect(board).not.toContain('What changed in March?');
});

it('paused, nothing moves: a member hears that the facilitator can resume it', async () => {
  await bot.person(FACILITATOR).click('Pause (facilitator)');
  await bot.settle();
  expect(textOf(bot.card())).toContain('Paused by the facilitator.');
  await click(bot, dave, 'I pass');
  expect(bot.person(dave).ephemerals().at(-1)?.text).toBe(`The session is paused. The facilitator (<@${FACILITATOR}>) can resume it.`);
  await bot.person(FACILITATOR).click('Resume (facilitator)');
  await bot.settle();
  expect(textOf(bot.card())).not.toContain('Paused by the facilitator.');
});

it('"Close round" ends the round early: the silent are skipped, what was written is revealed, and round 2 opens', async () => {
  await click(bot, FACILITATOR, 'Close round (facilitator)');
  const board = textOf(boardOf(bot, questions));
  expect(board).toContain('What changed in March?');
  expect(board).toContain(`Skipped: <@${FACILITATOR}>, <@${dave}>`);
  expect(textOf(promptOf(bot, questions))).toContain('round 2');
});
