/**
 * The chaos test: many live sessions played through real bot processes
 * (child processes in HTTP mode, as deployed, each request going to one of
 * them as a load balancer would) against the Slack emulator, while a seeded
 * conductor kills a bot process with SIGKILL and starts it again, stops Redis
 * (SHUTDOWN or SIGTERM) and starts it again from its AOF on the same port and
 * directory, and makes Slack answer some calls with 429 or 5xx. Then:
 *
 * - no acknowledged input is lost: every text whose form got HTTP 200 within
 *   3 s and no error is in the stored session and shown in the thread before
 *   close;
 * - nothing is posted twice (the emulator's call log: one card, one message
 *   per step, one invitation per person, each text once per conversation);
 * - every close completes: in the channel only the content-free note, no
 *   text anywhere but the presenter's private copy, no key, index entry or
 *   timer of the session in Redis;
 * - and no bot process logged anything people wrote.
 *
 * Recovery is waited for, never timed: each check waits up to CHECK_WAIT_MS
 * for the bot to converge (a killed process's work is taken over once it
 * stops beating; a Redis restart may leave work for the recovery sweep). The
 * timing of recovery belongs to other tests.
 *
 * Replay a run with CHAOS_SEED=<the seed printed>; run the long version
 * with CHAOS_LONG=1 (see docs/testing.md).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { closeConnection } from '../../src/redis/connect';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { BotProcess } from '../support/bot-process';
import { type ChaosRedis, scratchDir, startChaosRedis } from '../support/chaos-redis';
import { dismissReaper } from '../support/reaper';
import { DEMO, startSlackBench } from '../support/slack';
import { callLog, checkClosed, loggedTexts, postedTwice, strayKeys } from './chaos-checks';
import { type ChaosEvent, Fleet, RoutingDriver, conduct, planChaos } from './chaos-conductor';
import { type LanePlan, type LaneResult, type World, expectedRequests, planLane, playLane, seedLane } from './chaos-lane';
import { Rng } from './fuzz-garbage';

const LONG = process.env.CHAOS_LONG === '1';
const SEED = seedFrom(process.env.CHAOS_SEED);

/** CHAOS_SEED (decimal, or hex as 0x…), or a new seed for this run. */
function seedFrom(given: string | undefined): number {
  if (!given) return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a whole number (as printed by a run), not ${JSON.stringify(given)}`);
  return seed >>> 0;
}
const SIZE = LONG
  ? { sessions: 32, lanes: 6, bots: 3, kills: 16, redisRestarts: 8, faults: 60 }
  : { sessions: 8, lanes: 4, bots: 2, kills: 3, redisRestarts: 2, faults: 8 };
/** The longest one check waits for the bot to converge: generous, so a slow machine never fails a check (the take-over itself takes seconds). */
const CHECK_WAIT_MS = 90_000;

/** An independent PRNG stream of the seed, so one stream's draws never shift another's. */
function stream(n: number): Rng {
  return new Rng((SEED ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);
}

/** Runs `work` on every item, at most `lanes` at once. */
async function pool<T, R>(items: T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}

/** Which requests were answered late, e.g. " (view_submission iv_join 2, block_actions iv_pass 1)". */
function lateAcks(kinds: string[]): string {
  const late = new Map<string, number>();
  for (const kind of kinds) late.set(kind, (late.get(kind) ?? 0) + 1);
  return late.size === 0 ? '' : ` (${[...late].map(([kind, n]) => `${kind} ${n}`).join(', ')})`;
}

const cleanup: Array<() => Promise<void> | void> = [dismissReaper];

afterAll(async () => {
  for (const step of cleanup.reverse()) await Promise.resolve().then(step).catch(() => undefined);
});

it(`${SIZE.sessions} sessions on ${SIZE.bots} bot processes through ${SIZE.kills} SIGKILLs, ${SIZE.redisRestarts} Redis restarts and ${SIZE.faults} Slack faults: nothing acknowledged lost, nothing posted twice, nothing left after close (CHAOS_SEED=${SEED})`, async () => {
  const started = Date.now();
  const timeline: string[] = [];
  const note = (line: string): void => void timeline.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);

  const scratch = scratchDir();
  let keepScratch = false;
  cleanup.push(() => (keepScratch ? undefined : scratch.remove()));
  const redis: ChaosRedis = await startChaosRedis(scratch.path);
  cleanup.push(() => redis.stop());
  const bench = await startSlackBench();
  const { emulator } = bench;
  cleanup.push(() => bench.stop());

  const lanes: Array<{ plan: LanePlan; rng: Rng }> = Array.from({ length: SIZE.sessions }, (_, i) => {
    const rng = stream(100 + i);
    return { plan: planLane(i + 1, rng), rng };
  });
  for (const { plan } of lanes) seedLane(emulator, plan, DEMO.bot);

  const fleet = new Fleet(bench, {
    REDIS_URL: redis.url,
    // Unpaced: several sessions at once would otherwise wait on the 50 chat.update a minute (pacing has its own tests).
    SLACK_UPDATES_PER_MINUTE: '0',
  });
  cleanup.push(() => fleet.stop());
  await Promise.all(Array.from({ length: SIZE.bots }, (_, i) => fleet.start(i)));
  const driver = new RoutingDriver(emulator, fleet, stream(2));
  emulator.connect(driver);
  note(`${SIZE.bots} bot processes run`);

  const connection = new Redis(redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  connection.on('error', () => undefined);
  cleanup.push(() => closeConnection(connection));
  let requests = 0;
  const pace = stream(4);
  const world: World = {
    emulator,
    driver,
    store: new RedisSessionStore(connection, { prefix: '' }),
    redis: connection,
    waitMs: CHECK_WAIT_MS,
    tag: SEED.toString(36),
    tick: () => void (requests += 1),
    think: () => new Promise((done) => setTimeout(done, 30 + pace.int(250))),
  };

  const expected = lanes.reduce((sum, { plan }) => sum + expectedRequests(plan), 0);
  const events: ChaosEvent[] = planChaos(stream(1), { kills: SIZE.kills, redisRestarts: SIZE.redisRestarts, faults: SIZE.faults, bots: SIZE.bots }, expected);
  let finished = false;
  // A process or Redis that does not start again ends the chaos; it is reported with the rest.
  let broken: unknown;
  const conductor = conduct(events, { fleet, redis, emulator, progress: () => requests, finished: () => finished, note }).catch((error: unknown) => {
    broken = error;
    return { kills: 0, redisRestarts: 0, faults: 0, skipped: events.length };
  });

  const results: LaneResult[] = await pool(lanes, SIZE.lanes, async ({ plan, rng }) => {
    note(`session ${plan.index} begins`);
    const result = await playLane(world, plan, rng);
    await checkClosed(world, result);
    note(`session ${plan.index} ${result.closed ? 'closed' : 'stopped'}${result.problems.length > 0 ? ` with ${result.problems.length} problems` : ''}`);
    return result;
  }).finally(() => {
    finished = true;
  });
  const chaos = await conductor;

  const outputs = fleet.everyProcess.map((bot: BotProcess) => bot.raw());
  const calls = emulator.calls();
  const violations = emulator.violations.filter((v) => v.error !== 'ack_timeout');
  const problems = [
    ...(broken === undefined ? [] : [`the chaos could not go on: ${String(broken)}`]),
    ...results.flatMap((r) => r.problems),
    ...postedTwice(emulator, results),
    ...loggedTexts(outputs, results),
    ...(await strayKeys(connection)),
    ...violations.map((v) => `Slack would have shown an error: ${v.source} ${v.error} ${v.details.join('; ')}`),
  ];
  const written = results.flatMap((r) => r.written);
  const figures = [
    `chaos run, CHAOS_SEED=${SEED}${LONG ? ' CHAOS_LONG=1' : ''}: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `${results.filter((r) => r.closed).length} of ${SIZE.sessions} sessions closed, ${SIZE.bots} bot processes, ${fleet.everyProcess.length} started in all`,
    `${chaos.kills} SIGKILLs, ${chaos.redisRestarts} Redis restarts, ${chaos.faults} faults injected (${calls.filter((c) => c.status !== 200).length} calls answered 429/5xx), ${chaos.skipped} events not reached`,
    `${requests} requests (${Math.round(expected)} expected), ${results.reduce((n, r) => n + r.unanswered, 0)} unanswered or refused, ${results.reduce((n, r) => n + r.repeated, 0)} moves made again; ${written.filter((w) => w.acked).length} acknowledged texts checked (${written.filter((w) => w.acked && w.kind === 'input').length} inputs), ${written.filter((w) => !w.acked).length} not acknowledged`,
    `${driver.late.length} answers later than Slack's 3 s${lateAcks(driver.late)}`,
  ];
  console.log([...figures, '', 'timeline:', ...timeline].join('\n'));
  if (problems.length > 0) {
    // Kept for whoever looks into it: each bot process's log (ids, kinds and counts only) and Redis's AOF.
    keepScratch = true;
    fleet.everyProcess.forEach((bot, i) => writeFileSync(join(scratch.path, `bot-${i + 1}.log`), bot.raw()));
    writeFileSync(join(scratch.path, 'slack-calls.log'), callLog(emulator, results));
    throw new Error(`The chaos run found ${problems.length} problems. Replay it with CHAOS_SEED=${SEED}${LONG ? ' CHAOS_LONG=1' : ''}. Bot logs and Redis's AOF are in ${scratch.path}.\n${problems.join('\n')}\n\n${figures.join('\n')}\n\ntimeline:\n${timeline.join('\n')}`);
  }
  expect(results.every((r) => r.closed)).toBe(true);
}, LONG ? 40 * 60_000 : 8 * 60_000);
