/**
 * npm run bench:http
 *
 * The real bot as a black box: its own process in HTTP mode
 * (`node --import tsx src/index.ts`) on a private redis-server, its Web API
 * pointed at the Slack emulator running here, and a bare Bolt app (acks only)
 * as a second process. People play live progress-focused sessions through
 * signed requests, each reading the screen and clicking what they see; every
 * request goes to both apps in the same tick, so each figure comes with the
 * bare app's from the same run. Passes:
 *  - warm-up (BENCH_WARMUP sessions, not reported);
 *  - live: BENCH_SESSIONS ("10,50,100") sessions at once, flat out, every
 *    creation form sent at the same moment; ack latency, CPU per request,
 *    Web API calls per person action, Redis commands per transition;
 *  - tiers (BENCH_TIERS=1): the emulator enforces Slack's rate tiers, and
 *    BENCH_TIER_SESSIONS (20) sessions play at human pace (2-6 s per move)
 *    for BENCH_TIER_SECONDS (150): 429s answered and the update lag;
 *  - idle (BENCH_IDLE=1000): that many sessions brought mid-round, bot RSS.
 * See docs/benchmarks.md.
 */
import { cpus, loadavg } from 'node:os';
import { formats } from '../src/engine';
import { CallTally } from './support/http-calls';
import { startHarness, type Harness } from './support/http-harness';
import { runPass, type PassResult, type PassSpec } from './support/http-pass';
import { idleRows, mb, passRows, tierRows } from './support/http-report';
import { memory } from './support/processes';
import { num, printTable, type Row } from './support/report';

const list = (value: string | undefined, fallback: string): number[] => (value ?? fallback).split(',').map(Number).filter((n) => n > 0);
const SESSIONS = list(process.env.BENCH_SESSIONS, '10,50,100');
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
/** Moves per session after the start; unset: the whole session, closed at the end. */
const MOVES = Number(process.env.BENCH_MOVES ?? Infinity);
const TIERS = process.env.BENCH_TIERS === '1';
const TIER_SESSIONS = Number(process.env.BENCH_TIER_SESSIONS ?? 20);
const TIER_SECONDS = Number(process.env.BENCH_TIER_SECONDS ?? 150);
/** Tier pass: the sessions start (run /intervision new) at random moments over this many seconds. */
const TIER_SPREAD = Number(process.env.BENCH_TIER_SPREAD ?? 30);
const IDLE = Number(process.env.BENCH_IDLE ?? 0);
const FORMAT = formats.require('progress-focused');

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function liveSpec(sessions: number, first: number): PassSpec {
  return { sessions, first, format: FORMAT, thinkMs: () => 0, timeoutMs: 20_000, maxMoves: MOVES, durationMs: Infinity, burst: true, startSpreadMs: 0 };
}

async function tierPass(harness: Harness, tally: CallTally, first: number): Promise<PassResult> {
  harness.emulator.rateTiers.enforce();
  try {
    const spec: PassSpec = { sessions: TIER_SESSIONS, first, format: FORMAT, thinkMs: () => 2000 + Math.random() * 4000, timeoutMs: 60_000, maxMoves: Infinity, durationMs: TIER_SECONDS * 1000, burst: false, startSpreadMs: TIER_SPREAD * 1000 };
    return await runPass(harness, tally, spec);
  } finally {
    harness.emulator.rateTiers.enforce(false);
  }
}

async function idlePass(harness: Harness, tally: CallTally, first: number): Promise<Row[]> {
  harness.driver.mirroring = false;
  // Created in batches, so that the bot is not measured under a creation storm; 6 moves: the case and five turns.
  const batch = 100;
  const results: PassResult[] = [];
  for (let done = 0; done < IDLE; done += batch) {
    const spec: PassSpec = { ...liveSpec(Math.min(batch, IDLE - done), first + done), maxMoves: 6, burst: false, startSpreadMs: 10_000 };
    results.push(await runPass(harness, tally, spec));
  }
  await pause(5000);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  const elapsedMs = results.reduce((a, r) => a + r.elapsedMs, 0);
  const merged = { ...(results[0] as PassResult), failed, elapsedMs, spec: { ...liveSpec(IDLE, first), maxMoves: 6 } };
  return idleRows(merged, memory(harness.bot.pid));
}

function machine(load: number): string {
  return `${cpus().length} cores, load average ${num(load, 2)} at start and ${num(loadavg()[0] ?? 0, 2)} now, Node ${process.version}`;
}

async function run(harness: Harness, tally: CallTally): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const redis = harness.redis.private
    ? 'a private redis-server'
    : `the SHARED Redis at ${harness.redis.url} (redis-server not found): commandstats include other clients, and the bot's keys (empty prefix) stay there`;
  console.log(`bench:http - ${new Date().toISOString()} - the bot: ${process.env.BENCH_BOT === 'dist' ? 'node dist/src/index.js' : 'node --import tsx src/index.ts'}, HTTP mode, on ${redis}`);
  const atStart = memory(harness.bot.pid);
  if (WARMUP > 0) await runPass(harness, tally, liveSpec(WARMUP, 0));
  let first = 10_000;
  for (const sessions of SESSIONS) {
    const result = await runPass(harness, tally, liveSpec(sessions, first));
    first += sessions;
    const mem = memory(harness.bot.pid);
    const rows = [...passRows(result), { label: 'bot RSS after the pass / peak so far', value: `${mb(mem.rss)} / ${mb(mem.peak)}` }];
    printTable(`bench:http live: ${sessions} sessions at once (6 people each, progress-focused, ${Number.isFinite(MOVES) ? `${MOVES} moves after the start` : 'whole sessions'}) - ${machine(load)}`, rows);
  }
  if (TIERS) {
    printTable(`bench:http tiers: ${TIER_SESSIONS} sessions at human pace (started over ${TIER_SPREAD} s, 2-6 s per move) under Slack's rate tiers for ${TIER_SECONDS} s - ${machine(load)}`, tierRows(await tierPass(harness, tally, first)));
    first += TIER_SESSIONS;
  }
  await tally.quiet();
  await pause(5000);
  const settled = memory(harness.bot.pid);
  printTable(`bench:http memory - ${machine(load)}`, [
    { label: 'bot RSS once started, before any request (VmRSS)', value: mb(atStart.rss) },
    { label: 'bot RSS settled (VmRSS, 5 s after the last pass)', value: mb(settled.rss) },
    { label: 'bot RSS peak (VmHWM)', value: mb(settled.peak) },
  ]);
  if (IDLE > 0) printTable(`bench:http idle: ${IDLE} sessions open mid-round - ${machine(load)}`, await idlePass(harness, tally, first));
  if (harness.emulator.violations.length > 0) {
    const kinds = new Map<string, number>();
    for (const v of harness.emulator.violations) kinds.set(`${v.error} (${v.source})`, (kinds.get(`${v.error} (${v.source})`) ?? 0) + 1);
    console.log(`emulator violations (Slack would have refused or shown an error): ${harness.emulator.violations.length}: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const harness = await startHarness();
  const tally = new CallTally(harness.emulator);
  // Interrupted: still stop the children and the private redis-server.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      tally.stop();
      void harness.stop().finally(() => process.exit(130));
    });
  }
  try {
    await run(harness, tally);
  } finally {
    tally.stop();
    await harness.stop();
    console.log('cleaned up: the bot, the bare app and the private redis-server stopped, temporary files removed');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
