/**
 * The rest of issue 5's deadlines through the Slack bench: working days in
 * the presenter's time zone (from users.info), pause and resume moving every
 * clock of the round, the facilitator extending an asynchronous round, and a
 * live session's timebox notices from the same timers, after which the
 * facilitator still moves on with one click.
 */
import { ManualClock } from '../../src/clock';
import { formats } from '../../src/engine';
import type { RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { HOUR, createAsyncSession, dateToken, later, openRound, remindersTo, until } from './async-play';
import { boardOf, click, createSession, promptOf, storedSession, textOf, writeInModal } from './play';

const MINUTE = 60_000;
const format = formats.require('progress-focused');
const presentation = format.phases.find((p): p is StatementPhase => p.kind === 'statement') as StatementPhase;
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;

/** Friday 9 January 2026, 15:00 in New York, where Bob (the presenter) lives. */
const FRIDAY_AFTERNOON_IN_NEW_YORK = Date.UTC(2026, 0, 9, 20, 0);
/** Monday 12 January 2026, 15:00 in New York: 24 working hours after the Friday afternoon. */
const MONDAY_AFTERNOON_IN_NEW_YORK = Date.UTC(2026, 0, 12, 20, 0);

let bot: TestBot;
let sessionId = '';

const reminders = () => remindersTo(bot.emulator, { carol, dave, erin });

/** This file's session, as stored. */
const load = () => storedSession(bot, sessionId);

beforeAll(async () => {
  bot = await startTestBot({ name: __filename, clock: new ManualClock(FRIDAY_AFTERNOON_IN_NEW_YORK) });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('an asynchronous session in working days only', () => {
  it('a round opened on Friday afternoon in the presenter\'s time zone closes on Monday afternoon there, shown as a Slack date', async () => {
    sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], workingDaysOnly: true });
    const session = await load();
    expect(session.settings).toMatchObject({ workingDaysOnly: true, timeZone: 'America/New_York' });
    await click(bot, FACILITATOR, 'Start (facilitator)');
    await writeInModal(bot, PRESENTER, `${presentation.textLabel} (case presenter)`, { [presentation.textLabel]: 'A case for after the weekend' });
    const round = await openRound(bot, sessionId);
    expect(round.deadline).toBe(MONDAY_AFTERNOON_IN_NEW_YORK);
    expect(textOf(bot.card())).toContain(`round 1 closes ${dateToken(MONDAY_AFTERNOON_IN_NEW_YORK)}`);
    expect(textOf(boardOf(bot, questions))).toContain(`open, closes ${dateToken(MONDAY_AFTERNOON_IN_NEW_YORK)}`);
  });

  it('nobody is reminded over the weekend: the half-way reminder comes on Monday morning, after half of the working time', async () => {
    const mondayMorning = Date.UTC(2026, 0, 12, 8, 0); // 03:00 in New York: 9 working hours on Friday, 3 on Monday
    await until(bot, mondayMorning - 1);
    expect(reminders()).toEqual({ carol: 0, dave: 0, erin: 0 });
    await later(bot, 1);
    expect(reminders()).toEqual({ carol: 1, dave: 1, erin: 1 });
    expect(textOf(bot.person(erin).dms().at(-1))).toContain(`is open until ${dateToken(MONDAY_AFTERNOON_IN_NEW_YORK)}`);
  });
});

describe('pause, resume and more time for an asynchronous round', () => {
  it('paused, the round\'s deadline and last reminder pass without effect; the card says it is paused', async () => {
    await writeInModal(bot, carol, questions.input.label, { 'Question': 'What did you try first?' });
    await later(bot, HOUR);
    await click(bot, FACILITATOR, 'Pause (facilitator)');
    expect(textOf(bot.card())).toContain('Paused by the facilitator. Nothing moves on until they resume.');
    await until(bot, MONDAY_AFTERNOON_IN_NEW_YORK + 10 * HOUR);
    const session = await load();
    expect(session.status).toBe('paused');
    expect(session.current?.round?.number).toBe(1);
    expect(reminders()).toEqual({ carol: 1, dave: 1, erin: 1 });
  });

  it('resumed, every clock of the round moves on by the paused time, and the second reminder comes two hours before the new deadline', async () => {
    const pausedAt = (await load()).pausedAt ?? 0;
    const shift = bot.clock.now() - pausedAt;
    await click(bot, FACILITATOR, 'Resume (facilitator)');
    const round = await openRound(bot, sessionId);
    expect(round.deadline).toBe(MONDAY_AFTERNOON_IN_NEW_YORK + shift);
    expect(textOf(bot.card())).toContain(`round 1 closes ${dateToken(round.deadline)}`);
    await until(bot, round.deadline - 2 * HOUR - 1);
    expect(reminders()).toEqual({ carol: 1, dave: 1, erin: 1 });
    await later(bot, 1);
    expect(reminders()).toEqual({ carol: 1, dave: 2, erin: 2 });
  });

  it('the facilitator gives the round 12 more hours: it stays open past its old deadline and closes at the new one', async () => {
    const before = await openRound(bot, sessionId);
    await writeInModal(bot, FACILITATOR, 'More time (facilitator)', { 'Hours to add': '12' });
    const round = await openRound(bot, sessionId);
    expect(round.deadline).toBe(before.deadline + 12 * HOUR);
    expect(textOf(bot.card())).toContain(`round 1 closes ${dateToken(round.deadline)}`);
    await until(bot, before.deadline + HOUR);
    expect((await openRound(bot, sessionId)).number).toBe(1);
    // The last reminder follows the deadline, and goes out again for the new one.
    await until(bot, round.deadline - 2 * HOUR);
    expect(reminders()).toEqual({ carol: 1, dave: 3, erin: 3 });
    await until(bot, round.deadline);
    expect((await load()).roundLog?.[questions.id]).toEqual([{ number: 1, timeout: [dave, erin] }]);
    expect(textOf(boardOf(bot, questions))).toContain('What did you try first?');
    await click(bot, FACILITATOR, 'Close (facilitator)');
    expect(await bot.timers.list(sessionId)).toEqual([]);
  });
});

describe('a presenter step of an asynchronous session', () => {
  it('at its deadline the presenter gets one gentle DM whose button opens the case modal; what they write lands in the thread', async () => {
    sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave], title: 'Case by DM' });
    await click(bot, FACILITATOR, 'Start (facilitator)');
    const deadline = (await load()).current?.deadline ?? 0;
    const nudges = () => bot.person(PRESENTER).dms().filter((m) => m.text.includes('is waiting for you'));
    await until(bot, deadline - 1);
    expect(nudges()).toHaveLength(0);
    await later(bot, 1);
    expect(nudges()).toHaveLength(1);
    expect(textOf(nudges()[0])).toContain(`Hello! *${presentation.title}* in “Case by DM” is waiting for you. Take the time you need.`);
    expect(textOf(bot.card())).toContain(`the timebox ended ${dateToken(deadline)}`);
    // Nothing moves by itself; a day later there is still one nudge.
    await later(bot, 24 * HOUR);
    expect(nudges()).toHaveLength(1);
    expect((await load()).current?.id).toBe(presentation.id);

    await bot.person(PRESENTER).click(presentation.textLabel, 'dm');
    await bot.settle();
    const modal = bot.person(PRESENTER).modal();
    await modal.fill(presentation.textLabel, 'Written from the reminder');
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    expect(textOf(promptOf(bot, presentation))).toContain('Written from the reminder');
    expect((await load()).current?.id).toBe(questions.id);
    await click(bot, FACILITATOR, 'Close (facilitator)');
  });
});

describe('a live session uses the same timers for its timeboxes', () => {
  it('a notice a minute before the timebox ends and one when it ended, once each; the facilitator still moves on with one click', async () => {
    sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], title: 'Thursday call' });
    await click(bot, FACILITATOR, 'Start (facilitator)');
    const deadline = (await load()).current?.deadline ?? 0;
    expect(deadline - bot.clock.now()).toBe(presentation.timebox.liveMinutes * MINUTE);
    const notices = (text: string): number => bot.thread().filter((m) => textOf(m).includes(text)).length;

    await later(bot, deadline - MINUTE - 1 - bot.clock.now(), MINUTE);
    expect(notices('Time is nearly up')).toBe(0);
    await later(bot, 1);
    expect(notices(`Time is nearly up for *${presentation.title}*: the timebox ends ${dateToken(deadline)}`)).toBe(1);
    await later(bot, MINUTE, 10_000);
    expect(notices(`The timebox for *${presentation.title}* is over.`)).toBe(1);
    await later(bot, 5 * MINUTE, MINUTE);
    expect(notices('Time is nearly up')).toBe(1);
    expect(notices('is over')).toBe(1);
    // Nothing moved by itself; the button drawn after the notice is current, so one click moves on.
    expect((await load()).current?.id).toBe(presentation.id);
    await click(bot, FACILITATOR, 'Next phase (facilitator)');
    expect(bot.person(FACILITATOR).ephemerals().map((e) => e.text)).not.toContain('This step has moved on.');
    expect((await load()).current?.id).toBe(questions.id);
    expect(textOf(promptOf(bot, questions))).toContain('round 1');

    await click(bot, FACILITATOR, 'Close (facilitator)');
    expect(notices('Time is nearly up')).toBe(0);
    expect(await bot.timers.list(sessionId)).toEqual([]);
  });
});
