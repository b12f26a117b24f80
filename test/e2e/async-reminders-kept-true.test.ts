/**
 * An asynchronous round's reminder DMs stay true after they were sent: the
 * person who then takes their turn sees it taken (no buttons), a deadline
 * the facilitator moves shows in every reminder of the round, and a closed
 * round's reminders say it has closed, with no buttons and no "open until".
 * Each is updated in place, and only when what it says changed.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { HOUR, createAsyncSession, dateToken, dmChannelOf, dmsPostedTo, later, openRound, until } from './async-play';
import { click, phaseOfKind, textOf, writeInModal } from './play';

const format = formats.require('progress-focused');
const presentation = phaseOfKind(format, 'statement') as StatementPhase;
const questions = format.phases.find((p): p is RoundsPhase => p.kind === 'rounds') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;
const REMINDER = 'A friendly reminder: round';

let bot: TestBot;
let sessionId = '';

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], title: 'Over the week' });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await writeInModal(bot, PRESENTER, `${presentation.textLabel} (case presenter)`, { [presentation.textLabel]: 'The case.' });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

/** The person's reminder DM of round 1, as they see it now. */
const reminderOf = (user: string) => bot.person(user).dms().find((m) => textOf(m).includes(`of *${questions.title}*`));
/** chat.update calls the bot made on the person's DM conversation. */
const dmUpdates = (user: string) => bot.emulator.calls('chat.update').filter((c) => c.ok && c.args.channel === dmChannelOf(bot.emulator, user)).length;
const hasButtons = (user: string) => reminderOf(user)?.blocks.some((b) => b.type === 'actions') ?? false;

it('half way through, each member is reminded, with the deadline and the buttons', async () => {
  const round = await openRound(bot, sessionId);
  await until(bot, round.openedAt + 12 * HOUR);
  for (const user of [carol, dave, erin]) {
    expect(dmsPostedTo(bot.emulator, user, REMINDER)).toHaveLength(1);
    expect(textOf(reminderOf(user))).toContain(`is open until ${dateToken(round.deadline)}`);
    expect(hasButtons(user)).toBe(true);
  }
});

it('Carol asks from her reminder: it then says her turn is taken, without buttons; the others stay as they were', async () => {
  const round = await openRound(bot, sessionId);
  await bot.person(carol).click(questions.input.label, 'dm');
  await bot.settle();
  const modal = bot.person(carol).modal();
  await modal.fill('Question', 'What changed?');
  expect((await modal.submit()).errors).toBeUndefined();
  await bot.settle();
  const text = textOf(reminderOf(carol));
  expect(text).toContain(`You have taken your turn in round 1 of *${questions.title}* in “Over the week”. Thank you!`);
  expect(text).toContain(`Round 1 closes ${dateToken(round.deadline)}`);
  expect(hasButtons(carol)).toBe(false);
  expect(dmUpdates(carol)).toBe(1);
  // Nothing changed for Dave and Erin: their reminders were not touched.
  expect([dmUpdates(dave), dmUpdates(erin)]).toEqual([0, 0]);
});

it('the facilitator gives 6 more hours: every reminder of the round shows the new deadline, updated in place', async () => {
  const before = (await openRound(bot, sessionId)).deadline;
  await writeInModal(bot, FACILITATOR, 'More time (facilitator)', { 'Hours to add': '6' });
  const deadline = (await openRound(bot, sessionId)).deadline;
  expect(deadline).toBe(before + 6 * HOUR);
  for (const user of [dave, erin]) {
    expect(textOf(reminderOf(user))).toContain(`is open until ${dateToken(deadline)}`);
    expect(textOf(reminderOf(user))).not.toContain(dateToken(before));
    expect(hasButtons(user)).toBe(true);
    expect(dmsPostedTo(bot.emulator, user, REMINDER)).toHaveLength(1);
  }
  expect(textOf(reminderOf(carol))).toContain(`Round 1 closes ${dateToken(deadline)}`);
  expect([dmUpdates(carol), dmUpdates(dave), dmUpdates(erin)]).toEqual([2, 1, 1]);
});

it('at the deadline the round closes, and every reminder of it says so: no buttons, no "open until"', async () => {
  const round = await openRound(bot, sessionId);
  await until(bot, round.deadline);
  await later(bot, 1);
  for (const user of [carol, dave, erin]) {
    const text = textOf(reminderOf(user));
    expect(text).toContain(`Round 1 of *${questions.title}* in “Over the week” has closed.`);
    expect(text).not.toContain('open until');
    expect(hasButtons(user)).toBe(false);
  }
  // The lead reminder of round 1 (two hours before the end) went out to Dave and Erin and was kept true too.
  for (const user of [dave, erin]) {
    expect(dmsPostedTo(bot.emulator, user, REMINDER)).toHaveLength(2);
    expect(bot.person(user).dms().filter((m) => textOf(m).includes('is open until'))).toEqual([]);
  }
});
