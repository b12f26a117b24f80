/**
 * Issue 5's two-process test: two bot processes on one Slack workspace and
 * one Redis, both schedulers polling, three asynchronous sessions whose
 * deadlines and reminders all fall due at the same moments. People's clicks
 * reach either process. Every reminder reaches each person once, every
 * deadline closes its round once (one redraw of its board), and every timer
 * is accepted by the engine exactly once across both processes.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import {
  HOUR,
  PRESENTER_REMINDER,
  createAsyncSession,
  dmsPostedTo,
  later,
  remindersTo,
  until,
  watchTimerCommands,
  type TimerWatch,
} from './async-play';
import { storedSession, textOf } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;
const SESSIONS = 3;

let a: TestBot;
let b: TestBot;
let watch: TimerWatch;
/** Each session's id and the ts of its card (its thread). */
const sessions: Array<{ id: string; thread: string }> = [];

const both = (): TestBot[] => [a, b];
/** Timers each process fired and acked, by process. */
const fired = { a: 0, b: 0 };

/** Counts the timers a process acks (its work done), to see that both processes share the work. */
function countAcks(bot: TestBot, name: keyof typeof fired): void {
  const ack = bot.timers.ack.bind(bot.timers);
  bot.timers.ack = async (entry) => {
    fired[name] += 1;
    await ack(entry);
  };
}

/**
 * Moves the clock onto `at` with both schedulers polling; `first` claims
 * first (the other's claim races it and finds the timers taken), so the
 * tests can hand due work to either process.
 */
async function dueAt(at: number, first: TestBot): Promise<void> {
  await until(both(), at - 1);
  await later(first === a ? [a, b] : [b, a], 1);
}
const reminders = () => remindersTo(a.emulator, { bob: PRESENTER, carol, dave, erin });

/** People's requests go to this process from now on (Slack's request URL pointing at another instance). */
function via(bot: TestBot): TestBot {
  bot.emulator.connect(bot.driver);
  return bot;
}

async function settleBoth(): Promise<void> {
  for (const bot of both()) await bot.settle();
}

const load = (id: string) => storedSession(a, id);

/** Clicks a button in one session's thread and waits for both processes. */
async function clickIn(session: { thread: string }, user: string, label: string): Promise<void> {
  await a.person(user).click(label, { channel: CHANNEL, thread: session.thread });
  await settleBoth();
}

/** The round's timers are shared: every session opened its round at the same moment. */
async function roundOf(): Promise<{ openedAt: number; deadline: number }> {
  const round = (await load(sessions[0]?.id ?? '')).current?.round;
  if (!round?.deadline) throw new Error('no open asynchronous round');
  return { openedAt: round.openedAt, deadline: round.deadline };
}

/** chat.update calls so far on each session's first round-board page (in the step's own message while they fit together). */
async function boardUpdates(): Promise<number[]> {
  const counts: number[] = [];
  for (const { id } of sessions) {
    const messages = await a.store.messages(id);
    const board = messages[`board:${questions.id}:0`] ?? messages[`phase:${questions.id}`];
    counts.push(a.emulator.calls('chat.update').filter((c) => c.ok && c.args.ts === board?.ts).length);
  }
  return counts;
}

beforeAll(async () => {
  watch = watchTimerCommands();
  a = await startTestBot({ name: __filename });
  b = await startTestBot({ name: __filename, bench: a.bench, redis: a.redis, clock: a.clock });
  countAcks(a, 'a');
  countAcks(b, 'b');
  for (let i = 0; i < SESSIONS; i += 1) {
    const bot = via(i % 2 === 0 ? a : b);
    const id = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], title: `Peer group ${i + 1}` });
    sessions.push({ id, thread: bot.card()?.ts ?? '' });
  }
  // Started at the same moment, so every deadline and reminder of the three falls due together.
  for (const [i, session] of sessions.entries()) {
    via(i % 2 === 0 ? b : a);
    await clickIn(session, FACILITATOR, 'Start (facilitator)');
    await a.person(PRESENTER).click('Write your case (case presenter)', { channel: CHANNEL, thread: session.thread });
    await settleBoth();
    const modal = a.person(PRESENTER).modal();
    await modal.fill('Write your case', `Case ${i + 1}`);
    expect((await modal.submit()).errors).toBeUndefined();
    await settleBoth();
  }
});

afterAll(async () => {
  watch?.restore();
  await b?.stop({ keepBench: true, keepRedis: true });
  await a?.stop();
});

afterEach(() => {
  expect(a.emulator.violations).toEqual([]);
});

it('both processes poll the same timers: each reminder of round 1 reaches Dave and Erin once per session, never Carol, who asked', async () => {
  const round = await roundOf();
  for (const [i, session] of sessions.entries()) {
    via(i % 2 === 0 ? a : b);
    await a.person(carol).click(questions.input.label, { channel: CHANNEL, thread: session.thread });
    await settleBoth();
    const modal = a.person(carol).modal();
    await modal.fill('Question', `Question in session ${i + 1}`);
    expect((await modal.submit()).errors).toBeUndefined();
    await settleBoth();
  }
  await dueAt(round.openedAt + 12 * HOUR, b);
  expect(reminders()).toEqual({ bob: 0, carol: 0, dave: SESSIONS, erin: SESSIONS });
  await dueAt(round.deadline - 2 * HOUR, a);
  expect(reminders()).toEqual({ bob: 0, carol: 0, dave: 2 * SESSIONS, erin: 2 * SESSIONS });
});

it('the deadline closes each round once: one redraw of each board, silence as "no answer", round 2 open', async () => {
  const round = await roundOf();
  await until(both(), round.deadline - 1);
  const before = await boardUpdates();
  await later([b, a], 1);
  const after = await boardUpdates();
  expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual(sessions.map(() => 1));
  for (const { id } of sessions) {
    const session = await load(id);
    expect(session.roundLog?.[questions.id]).toEqual([{ number: 1, timeout: [dave, erin] }]);
    expect(session.current?.round?.number).toBe(2);
  }
  expect(reminders()).toEqual({ bob: 0, carol: 0, dave: 2 * SESSIONS, erin: 2 * SESSIONS });
});

it('round 2 and the presenter\'s step: every reminder and deadline once more, then the presenter is nudged once per session', async () => {
  for (const [i, session] of sessions.entries()) {
    via(i % 2 === 0 ? b : a);
    await clickIn(session, carol, 'I pass');
  }
  const round = await roundOf();
  await dueAt(round.openedAt + 12 * HOUR, a);
  await dueAt(round.deadline - 2 * HOUR, b);
  await dueAt(round.deadline, a);
  expect(reminders()).toEqual({ bob: 0, carol: 0, dave: 4 * SESSIONS, erin: 4 * SESSIONS });
  for (const { id } of sessions) {
    const session = await load(id);
    expect(session.roundLog?.[questions.id]?.[1]).toEqual({ number: 2, pass: [carol], timeout: [dave, erin] });
    expect(session.current?.round).toBeUndefined();
  }
  const deadline = (await load(sessions[0]?.id ?? '')).current?.deadline ?? 0;
  await dueAt(deadline, b);
  await later(both(), HOUR);
  expect(dmsPostedTo(a.emulator, PRESENTER, PRESENTER_REMINDER)).toHaveLength(SESSIONS);
  expect(textOf(a.person(PRESENTER).dms().at(-1))).toContain('1 question is waiting for your answer');
});

it('across both processes, the engine accepted every timer of every session exactly once', () => {
  const expected = ['round-reminder:factual-questions:1:half', 'round-reminder:factual-questions:1:lead', 'round-deadline:factual-questions:1:'];
  expected.push(...expected.map((key) => key.replace(':1:', ':2:')), 'phase-deadline:factual-questions::');
  const perSession = sessions.flatMap(({ id }) => expected.map((key) => `${id} ${key}`));
  expect([...watch.bySession].sort()).toEqual(perSession.sort());
  // Between them the two processes acked the work of every timer (the presenter's reminder too). Which one wins a
  // claim is a race: with the timers in buckets one process's poll can take every due timer before the other polls.
  expect(fired.a + fired.b).toBeGreaterThanOrEqual(perSession.length);
});
