/**
 * Issue 5's restart test: the bot process goes away in the middle of an
 * asynchronous round and a new one starts on the same Redis while Slack
 * carries on. What fell due meanwhile fires promptly and once; no reminder
 * is sent twice, none goes out for a round already at its deadline, and a
 * process that claimed a timer and died before acking (even halfway through
 * its DMs, with others acting meanwhile) leaves nothing doubled behind.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import type { ChangeEvent } from '../../dev/emulator/types';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys } from '../support/redis';
import {
  HOUR,
  createAsyncSession,
  dmChannelOf,
  later,
  openRound,
  remindersTo,
  until,
  watchTimerCommands,
  type TimerWatch,
} from './async-play';
import { boardOf, click, storedSession, textOf, writeInModal } from './play';

const MINUTE = 60_000;
/** The scheduler's claim lease (its default): a claimed timer that was never acked is due again after it. */
const LEASE_MS = 60_000;

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin, grace } = PEOPLE;

let bot: TestBot;
let watch: TimerWatch;
let sessionId = '';

const reminders = () => remindersTo(bot.emulator, { carol, dave, erin, grace });
const key = (kind: string, round: number, stage = ''): string => `${kind}:${questions.id}:${round}:${stage}`;

/** This file's session, as stored. */
const load = () => storedSession(bot, sessionId);

/** Stops the bot process (Slack and Redis carry on), lets time pass with no process running, and starts a new one. */
async function restartAfter(downMs: number): Promise<void> {
  const { bench, redis, clock } = bot;
  await bot.stop({ keepBench: true, keepRedis: true });
  clock.advance(downMs);
  bot = await startTestBot({ name: __filename, bench, redis, clock });
}

async function ask(user: string, text: string): Promise<void> {
  await writeInModal(bot, user, questions.input.label, { 'Question': text });
}

beforeAll(async () => {
  watch = watchTimerCommands();
  bot = await startTestBot({ name: __filename });
  sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin] });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await writeInModal(bot, PRESENTER, 'Write your case (case presenter)', { 'Write your case': 'A case for the week' });
});

afterAll(async () => {
  watch?.restore();
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('killed after the first reminder and down past the deadline: the new process closes the round by itself, once, and reminds nobody', async () => {
  const round = await openRound(bot, sessionId);
  await later(bot, HOUR);
  await ask(carol, 'What changed in March?');
  await until(bot, round.openedAt + 12 * HOUR);
  expect(reminders()).toEqual({ carol: 0, dave: 1, erin: 1, grace: 0 });

  // Down from the 13th hour to an hour past the deadline: the second reminder and the deadline both fall due unseen.
  await later(bot, HOUR);
  const accepted = watch.accepted.length;
  await restartAfter(round.deadline + HOUR - bot.clock.now());
  // Nobody ticks by hand: the new process's own scheduler finds the missed deadline at once.
  await bot.emulator.waitFor(() => textOf(boardOf(bot, questions)).includes(`No answer: <@${dave}>, <@${erin}>`));
  await bot.services.scheduler.tick();
  await bot.settle();

  expect(watch.accepted.slice(accepted)).toEqual([key('round-deadline', 1)]);
  const session = await load();
  expect(session.roundLog?.[questions.id]).toEqual([{ number: 1, timeout: [dave, erin] }]);
  expect(session.current?.round).toMatchObject({ number: 2, openedAt: bot.clock.now() });
  // The second reminder came due for a round that was already at its deadline: not sent.
  expect(reminders()).toEqual({ carol: 0, dave: 1, erin: 1, grace: 0 });

  // Past any lease, nothing of round 1 comes back.
  await later(bot, 2 * MINUTE);
  expect(watch.accepted.slice(accepted)).toEqual([key('round-deadline', 1)]);
  expect(reminders()).toEqual({ carol: 0, dave: 1, erin: 1, grace: 0 });
});

it('down across both reminder times: the new process sends the second reminder only, once to each who has not answered', async () => {
  const round = await openRound(bot, sessionId);
  expect(round.number).toBe(2);
  await ask(carol, 'Who else knows?');
  await later(bot, HOUR);
  const accepted = watch.accepted.length;
  await restartAfter(round.deadline - HOUR - bot.clock.now());
  await bot.services.scheduler.tick();
  await bot.settle();
  expect(watch.accepted.slice(accepted)).toEqual([key('round-reminder', 2, 'lead')]);
  expect(reminders()).toEqual({ carol: 0, dave: 2, erin: 2, grace: 0 });
  expect((await load()).current?.round?.reminded.sort()).toEqual(['half', 'lead']);

  await until(bot, round.deadline);
  expect(watch.accepted.slice(accepted)).toEqual([key('round-reminder', 2, 'lead'), key('round-deadline', 2)]);
  expect(reminders()).toEqual({ carol: 0, dave: 2, erin: 2, grace: 0 });
  expect((await openRound(bot, sessionId)).number).toBe(3);
});

it('a process that claimed the reminder, sent one DM, failed on the next and died unacked: the next process finishes it, nobody gets it twice', async () => {
  const round = await openRound(bot, sessionId);
  await ask(carol, 'How long has this been going on?');
  await until(bot, round.openedAt + 12 * HOUR - 1);

  // Slack fails the very next post after Dave's reminder lands: Erin's reminder, halfway through the timer's work.
  const { emulator } = bot;
  const daveDm = dmChannelOf(emulator, dave);
  const failNextPost = (event: ChangeEvent): void => {
    if (event.kind === 'message' && event.channel === daveDm) {
      emulator.off('change', failNextPost);
      emulator.failNext('chat.postMessage', { error: 'internal_error' });
    }
  };
  emulator.on('change', failNextPost);
  const accepted = watch.accepted.length;
  bot.clock.advance(1);
  await bot.services.scheduler.tick();
  await bot.running.inFlight.idle();
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 2, grace: 0 });
  expect(bot.logLines.some((line) => line.includes('timer failed; will retry'))).toBe(true);
  expect(await bot.store.pendingSessions()).toEqual([sessionId]);

  // Nobody new joins a session that has started: the card offers Grace no Join.
  expect(() => bot.person(grace).findButton('Join')).toThrow('grace sees no button "Join"');
  // Meanwhile Carol, who has asked, leaves (the session moves on a step) while Slack still refuses one post; then the process dies.
  const leftNotices = () => bot.thread().filter((m) => textOf(m).includes(`<@${carol}> has left the session.`));
  emulator.failNext('chat.postMessage', { error: 'internal_error' });
  await bot.person(carol).click('Leave');
  await bot.running.inFlight.idle();
  expect((await load()).members).not.toContain(carol);
  expect(leftNotices()).toHaveLength(0);
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 2, grace: 0 });

  await restartAfter(0);
  await bot.settle();
  // The new process's recovery sweep finished the work: Erin's reminder and the notice, and Dave's reminder was not sent again.
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 3, grace: 0 });
  expect(leftNotices()).toHaveLength(1);

  // The claim's lease runs out: the timer comes back, the engine knows it was done, and it is acked for good.
  await later(bot, LEASE_MS + 1, LEASE_MS + 1);
  expect(watch.accepted.slice(accepted)).toEqual([key('round-reminder', 3, 'half')]);
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 3, grace: 0 });
  expect((await bot.timers.list(sessionId)).map((t) => t.key)).not.toContain(key('round-reminder', 3, 'half'));
});

it('a process that claimed a due reminder and vanished before handling it: it fires once when the claim lapses', async () => {
  const round = await openRound(bot, sessionId);
  await ask(dave, 'Who decides?');
  const lead = round.deadline - 2 * HOUR;
  await until(bot, lead - 1);
  const accepted = watch.accepted.length;
  // Another process, a moment ahead, claims what is due at the lead time, and is never heard from again.
  const claimed = await bot.timers.claimDue(lead, 100, LEASE_MS);
  expect(claimed.map((t) => t.key)).toEqual([key('round-reminder', 3, 'lead')]);
  await later(bot, 1);
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 3, grace: 0 });
  await later(bot, LEASE_MS, LEASE_MS);
  expect(watch.accepted.slice(accepted)).toEqual([key('round-reminder', 3, 'lead')]);
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 4, grace: 0 });
  await later(bot, 2 * MINUTE);
  expect(reminders()).toEqual({ carol: 0, dave: 3, erin: 4, grace: 0 });
});

it('closing cancels everything scheduled for the session, and nothing of it is left in Redis', async () => {
  expect((await bot.timers.list(sessionId)).length).toBeGreaterThan(0);
  await click(bot, FACILITATOR, 'Close (facilitator)');
  expect(await bot.timers.list(sessionId)).toEqual([]);
  const prefix = bot.redis.prefix;
  expect(await scanKeys(bot.redis.redis, `${globEscape(prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
  const before = watch.accepted.length;
  await later(bot, 30 * HOUR);
  expect(watch.accepted.length).toBe(before);
});
