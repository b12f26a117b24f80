/**
 * npm run bench:scheduler
 *
 * 10,000 timers of 1,000 asynchronous sessions (ten each: round deadlines,
 * both reminders, and the idle check), all due within the same second, fired
 * through two Schedulers on separate Redis connections, as two bot processes
 * would. The handler only notes when each timer fired, so the figures are the
 * scheduler's own: how late the last one fired, lateness percentiles, Redis
 * memory for the waiting timers, and duplicates (which must be none).
 */
import { cpus, loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Timer } from '../src/engine/session';
import { systemClock } from '../src/clock';
import { RedisTimerStore, sessionTimersKey } from '../src/scheduler/redis-timer-store';
import { allBuckets } from '../src/scheduler/timer-buckets';
import { Scheduler, type SchedulerOptions } from '../src/scheduler/scheduler';
import { timerKey } from '../src/scheduler/timer-store';
import type { ScheduledTimer } from '../src/scheduler/timer-store';
import { deleteUnder, memoryUsage, openConnection, uniquePrefix, usedMemory } from './support/redis';
import { kb, num, percentile, printTable, type Row } from './support/report';

const SESSIONS = 1000;
const TIMERS_PER_SESSION = 10;
const TOTAL = SESSIONS * TIMERS_PER_SESSION;
/** All timers fall due within this window, starting at `dueFrom`. */
const DUE_WINDOW_MS = 1000;
/** The target: every timer fired within this long of its due time. */
const TARGET_LATENESS_MS = 2000;
/** Give up waiting this long after the last timer is due. */
const GIVE_UP_MS = 30_000;
/** How many schedule calls are in flight while setting up. */
const SETUP_CONCURRENCY = 200;

/** Scheduler options: the bot's defaults (src/scheduler/scheduler.ts) unless BENCH_INTERVAL_MS, BENCH_BATCH or BENCH_CONCURRENCY say otherwise. */
const SCHEDULER_OPTIONS: SchedulerOptions = optionsFromEnv();
/** How long each handler call waits, standing in for a commit and its Slack calls (BENCH_HANDLER_MS, default 0). */
const HANDLER_MS = Number(process.env.BENCH_HANDLER_MS ?? 0);

function optionsFromEnv(): SchedulerOptions {
  const options: SchedulerOptions = {};
  const read = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const intervalMs = read('BENCH_INTERVAL_MS');
  const batchSize = read('BENCH_BATCH');
  const concurrency = read('BENCH_CONCURRENCY');
  if (intervalMs !== undefined) options.intervalMs = intervalMs;
  if (batchSize !== undefined) options.batchSize = batchSize;
  if (concurrency !== undefined) options.concurrency = concurrency;
  return options;
}

/** The ten timers of one asynchronous session in its tips-heavy middle: three phases' round timers and the idle check. */
function timersOf(sessionId: string, at: (n: number) => number): ScheduledTimer[] {
  const timers: Timer[] = [];
  for (const phaseId of ['factual-questions', 'appreciation', 'tips']) {
    timers.push({ kind: 'round-deadline', phaseId, round: 2, at: 0 });
    timers.push({ kind: 'round-reminder', phaseId, round: 2, stage: 'half', at: 0 });
    timers.push({ kind: 'round-reminder', phaseId, round: 2, stage: 'lead', at: 0 });
  }
  timers.push({ kind: 'idle', stage: 'idle', at: 0 });
  return timers.map((timer, n) => {
    const withTime = { ...timer, at: at(n) };
    return { sessionId, key: timerKey(withTime), timer: withTime };
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** What the handlers saw: each timer's fire times (more than one is a duplicate), and which process fired it. */
interface Firings {
  times: Map<string, number[]>;
  byProcess: Map<string, number>;
  last: number;
}

/** How the timers' due times fall within the second. */
type Spread = 'spread' | 'burst';

/** Due time of timer `n` (0..TOTAL-1): evenly over the window, or all at its first millisecond. */
function dueTime(spread: Spread, dueFrom: number, n: number): number {
  return spread === 'burst' ? dueFrom : dueFrom + Math.floor((n * DUE_WINDOW_MS) / TOTAL);
}

/** Schedules the timers, lets two bot processes fire them, and returns the report's rows. */
async function runScenario(spread: Spread, admin: Redis, processes: [Redis, Redis], prefix: string): Promise<Row[]> {
  const memoryBefore = await usedMemory(admin);
  const setupStore = new RedisTimerStore(admin, { prefix });
  const setupStart = Date.now();
  // Due a few seconds after setup begins, so every timer is in place before the first falls due.
  const dueFrom = setupStart + 4000;
  const entries: ScheduledTimer[] = [];
  for (let s = 0; s < SESSIONS; s += 1) {
    const sessionId = `sess-${s.toString().padStart(4, '0')}-${prefix.slice(-9, -1)}`;
    entries.push(...timersOf(sessionId, (n) => dueTime(spread, dueFrom, s * TIMERS_PER_SESSION + n)));
  }
  await inParallel(entries, SETUP_CONCURRENCY, (entry) => setupStore.schedule(entry));
  const setupMs = Date.now() - setupStart;
  if (Date.now() >= dueFrom) console.log(`note: setup took ${setupMs} ms and ran past the first due time; lateness includes that`);

  const buckets = allBuckets(prefix);
  let timerKeyBytes = 0;
  for (const bucket of buckets) timerKeyBytes += (await memoryUsage(admin, bucket.due)) + (await memoryUsage(admin, bucket.data));
  let sessionListBytes = 0;
  for (const sessionId of new Set(entries.map((e) => e.sessionId))) sessionListBytes += await memoryUsage(admin, sessionTimersKey(prefix, sessionId));
  const memoryDelta = (await usedMemory(admin)) - memoryBefore;

  const dueOf = new Map(entries.map((e) => [`${e.sessionId}|${e.key}`, e.timer.at]));
  const firings: Firings = { times: new Map(), byProcess: new Map(), last: 0 };
  const handlerFor = (name: string) => async (entry: ScheduledTimer): Promise<void> => {
    const now = Date.now();
    const id = `${entry.sessionId}|${entry.key}`;
    const times = firings.times.get(id) ?? [];
    times.push(now);
    firings.times.set(id, times);
    firings.byProcess.set(name, (firings.byProcess.get(name) ?? 0) + 1);
    firings.last = Math.max(firings.last, now);
    // A real handler commits a timer command and runs its effects: stand in for that wait.
    if (HANDLER_MS > 0) await new Promise((resolve) => setTimeout(resolve, HANDLER_MS));
  };
  const logger = pino({ level: 'warn' });
  const schedulers = processes.map(
    (redis, i) => new Scheduler(new RedisTimerStore(redis, { prefix }), handlerFor(i === 0 ? 'A' : 'B'), systemClock, logger, SCHEDULER_OPTIONS),
  );
  for (const scheduler of schedulers) scheduler.start();

  const dueTo = dueTime(spread, dueFrom, TOTAL - 1);
  while (firings.times.size < TOTAL && Date.now() < dueTo + GIVE_UP_MS) await new Promise((resolve) => setTimeout(resolve, 10));
  // Keep polling a while longer, so a second firing of anything would be seen.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  let left = 0;
  for (const bucket of buckets) left += await admin.zcard(bucket.due);

  const lateness: number[] = [];
  let duplicates = 0;
  for (const [id, times] of firings.times) {
    duplicates += times.length - 1;
    const first = times[0];
    const due = dueOf.get(id);
    if (first !== undefined && due !== undefined) lateness.push(first - due);
  }
  const fired = firings.times.size;
  const maxLate = lateness.length > 0 ? Math.max(...lateness) : Number.NaN;
  return [
    { label: 'timers scheduled (sessions x timers)', value: `${num(TOTAL)} (${num(SESSIONS)} x ${TIMERS_PER_SESSION})` },
    { label: 'due', value: spread === 'burst' ? 'all in the same ms' : `evenly over ${num(DUE_WINDOW_MS)} ms` },
    { label: 'setup: scheduling them', value: `${num(setupMs)} ms` },
    { label: 'fired', value: num(fired), target: num(TOTAL), met: fired === TOTAL },
    { label: 'left in the due sets after the run', value: num(left), target: '0', met: left === 0 },
    { label: 'all fired, after the first was due', value: `${num(firings.last - dueFrom)} ms` },
    { label: 'all fired, after the last was due', value: `${num(firings.last - dueTo)} ms` },
    { label: 'lateness p50 (fired - due)', value: `${num(percentile(lateness, 50))} ms` },
    { label: 'lateness p99', value: `${num(percentile(lateness, 99))} ms` },
    { label: 'lateness max', value: `${num(maxLate)} ms`, target: `<= ${num(TARGET_LATENESS_MS)} ms`, met: maxLate <= TARGET_LATENESS_MS },
    { label: 'duplicates (fired more than once)', value: num(duplicates), target: '0', met: duplicates === 0 },
    { label: 'fired by process A / B', value: `${num(firings.byProcess.get('A') ?? 0)} / ${num(firings.byProcess.get('B') ?? 0)}` },
    { label: `MEMORY USAGE of the ${buckets.length} timer buckets ({timers-n}, :data)`, value: kb(timerKeyBytes) },
    { label: "MEMORY USAGE sessions' timer lists", value: kb(sessionListBytes) },
    { label: 'bytes per waiting timer (all keys)', value: num((timerKeyBytes + sessionListBytes) / TOTAL) },
    { label: 'INFO used_memory delta after setup', value: kb(memoryDelta) },
  ];
}

async function main(): Promise<void> {
  const admin = await openConnection();
  const processes: [Redis, Redis] = [await openConnection(), await openConnection()];
  const opts = Object.entries(SCHEDULER_OPTIONS).map(([k, v]) => `${k} ${v}`).join(', ') || 'defaults';
  const prefixes: string[] = [];
  try {
    for (const spread of ['spread', 'burst'] as const) {
      const prefix = uniquePrefix(`scheduler-${spread}`);
      prefixes.push(prefix);
      const rows = await runScenario(spread, admin, processes, prefix);
      printTable(`bench:scheduler (${spread}) - two Scheduler instances on separate connections (${opts}; handler ${HANDLER_MS} ms), ${cpus().length} cores, load average ${num(loadavg()[0] ?? 0, 2)}, ${new Date().toISOString()}`, rows);
    }
  } finally {
    let removed = 0;
    for (const prefix of prefixes) removed += await deleteUnder(admin, prefix);
    console.log(`cleaned up ${removed} keys`);
    await Promise.all([admin, ...processes].map((redis) => redis.quit()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
