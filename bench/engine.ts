/**
 * npm run bench:engine
 *
 * 200 live progress-focused sessions of 8 members each, played at once from
 * start to end through the real path a click takes: Dispatcher (load, engine
 * decide, one Lua commit) on RedisSessionStore, each bot process on its own
 * Redis connection. Each session moves one step at a time, as a live group
 * takes turns; the sessions run concurrently. Three passes:
 *  1. traffic (20 sessions, also the warm-up): Redis commands and round trips
 *     of every dispatch, counted on the connection itself;
 *  2. saturated (200 sessions, each move sent the moment the last committed;
 *     three runs, the median reported): transitions per second, and latency
 *     when the bot is flat out;
 *  3. paced (200 more sessions per offered load, each waiting between moves):
 *     latency per dispatch when the bot is busy but not flat out.
 * Then the bytes Redis holds for each finished session (MEMORY USAGE).
 *
 * BENCH_PROCESSES=2 splits the sessions over two forked bot processes (two
 * instances on one Redis); BENCH_CLUSTER=1 runs the saturated pass with
 * BENCH_PROCESSES (default 3) forked bot processes on the one Redis and then
 * on a Redis Cluster (REDIS_CLUSTER_NODES, or three local primaries started
 * for the run) and prints both; BENCH_PACED_RATES sets the paced loads (default
 * "1000,2500" transitions/s); BENCH_ENCRYPT=1 stores sessions with the AES-GCM codec;
 * BENCH_RUNS the number of saturated runs; BENCH_SESSIONS changes the 200.
 * See docs/benchmarks.md.
 */
import { cpus, loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import { sessionIdOf } from '../src/store/redis/keys';
import { forkedBot, localBot, serveIfForked, throwawayKey, type BotProcess, type PassResult, type StoreSetup } from './support/bot-process';
import { compareWithCluster } from './support/cluster';
import { MEMBERS_PER_SESSION } from './support/players';
import { deleteUnder, keysUnder, memoryUsage, openConnection, uniquePrefix } from './support/redis';
import { kb, num, percentile, printTable, type Row } from './support/report';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const TRAFFIC_SESSIONS = 20;
/** How often the saturated pass runs (the median run is reported). */
const SATURATED_RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** Offered loads of the paced passes (transitions per second, over all sessions). */
const PACED_RATES = (process.env.BENCH_PACED_RATES ?? '1000,2500').split(',').map(Number).filter((rate) => rate > 0);
const ENCRYPT = process.env.BENCH_ENCRYPT === '1';
/** Cluster mode: the saturated pass on one Redis and on a Redis Cluster, side by side. */
const CLUSTER = process.env.BENCH_CLUSTER === '1';
/** Bot processes sharing the sessions (1: all in this process; 3 in cluster mode). */
const PROCESSES = Math.max(1, Number(process.env.BENCH_PROCESSES ?? (CLUSTER ? 3 : 1)));
const TARGETS = { perSecond: 5000, p99Ms: 5, roundTrips: 2, bytes: 32 * 1024 };

/** Runs one pass with the sessions split evenly over the bot processes, all starting to play together. */
async function pass(bots: BotProcess[], first: number, count: number, traffic: boolean, thinkMeanMs: number): Promise<PassResult> {
  const share = Math.ceil(count / bots.length);
  await Promise.all(bots.map((bot, i) => bot.create({ first: first + i * share, count: Math.max(0, Math.min(share, count - i * share)), traffic, thinkMeanMs })));
  const results = await Promise.all(bots.map((bot) => bot.play()));
  const byName = new Map<string, number>();
  for (const r of results) for (const [name, n] of r.byName) byName.set(name, (byName.get(name) ?? 0) + n);
  return {
    latencyMs: results.flatMap((r) => r.latencyMs),
    commands: results.reduce((sum, r) => sum + r.commands, 0),
    roundTrips: results.reduce((sum, r) => sum + r.roundTrips, 0),
    mostRoundTrips: Math.max(...results.map((r) => r.mostRoundTrips)),
    byName: [...byName],
    elapsedMs: Math.max(...results.map((r) => r.elapsedMs)),
    cpuUs: results.reduce((sum, r) => sum + r.cpuUs, 0),
    commandsSent: results.reduce((sum, r) => sum + r.commandsSent, 0),
    ids: results.flatMap((r) => r.ids),
  };
}

/** Bytes Redis holds per session: MEMORY USAGE of every key with the session's hash tag, summed; and per kind of key. */
async function bytesPerSession(redis: Redis, prefix: string, ids: ReadonlySet<string>): Promise<{ totals: number[]; byKind: Map<string, number> }> {
  const perSession = new Map<string, number>();
  const byKind = new Map<string, number>();
  for (const key of await keysUnder(redis, prefix)) {
    const id = sessionIdOf(prefix, key);
    if (id === null || !ids.has(id)) continue;
    const bytes = await memoryUsage(redis, key);
    perSession.set(id, (perSession.get(id) ?? 0) + bytes);
    const kind = key.slice(key.lastIndexOf('}:') + 2);
    byKind.set(kind, (byKind.get(kind) ?? 0) + bytes);
  }
  return { totals: [...perSession.values()], byKind };
}

/** The V8/Node flags this process runs with (NODE_OPTIONS and the command line), without tsx's loader. */
function nodeFlags(): string {
  const flags = [...(process.env.NODE_OPTIONS ?? '').split(' '), ...process.execArgv].filter((flag) => flag.startsWith('--') && !/tsx|preflight|loader|^--(require|import)$/.test(flag));
  return flags.join(' ');
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const ms = (value: number): string => `${num(value, 2)} ms`;

async function main(): Promise<void> {
  if (await serveIfForked()) return;
  const machine = (load: number): string => `${cpus().length} cores, load average ${num(load, 2)} at start and ${num(loadavg()[0] ?? 0, 2)} at the end, Node ${process.version}`;
  if (CLUSTER) {
    const load = loadavg()[0] ?? 0;
    await compareWithCluster(__filename, pass, { processes: PROCESSES, sessions: SESSIONS, runs: SATURATED_RUNS, machine: () => machine(load) });
    return;
  }
  const prefix = uniquePrefix('engine');
  const setup: StoreSetup = ENCRYPT ? { prefix, encryptionKey: throwawayKey() } : { prefix };
  const admin = await openConnection();
  const load = loadavg()[0] ?? 0;
  const bots = PROCESSES === 1 ? [await localBot(setup)] : Array.from({ length: PROCESSES }, () => forkedBot(__filename, setup));
  try {
    // Pass 1, also the warm-up: every dispatch's Redis traffic, counted on the connection.
    const traffic = await pass(bots, 1_000_000, TRAFFIC_SESSIONS, true, 0);
    const counted = traffic.latencyMs.length;

    // Pass 2: flat out, repeated on fresh sessions because other work on the machine can slow any one run; the median run counts.
    const runs: PassResult[] = [];
    for (let run = 0; run < SATURATED_RUNS; run += 1) runs.push(await pass(bots, run * 10_000, SESSIONS, false, 0));
    const rate = (r: PassResult): number => r.latencyMs.length / (r.elapsedMs / 1000);
    runs.sort((a, b) => rate(a) - rate(b));
    const saturated = runs[Math.floor(runs.length / 2)] as PassResult;
    const transitions = saturated.latencyMs.length;
    const commandsPer = saturated.commandsSent / transitions;
    const perSecond = rate(saturated);
    const cpuPer = saturated.cpuUs / transitions;

    const ids = new Set(saturated.ids);
    const stored = await Promise.all([...ids].map((id) => admin.hget(`${prefix}{session:${id}}:state`, 'data')));
    const storedChars = stored.map((data) => Buffer.byteLength(data ?? ''));
    const withOutbox = await bytesPerSession(admin, prefix, ids);
    // The effect runner runs each commit's effects and acks them at once; do that now for every session.
    await bots[0]?.runOutboxes([...ids]);
    const ran = await bytesPerSession(admin, prefix, ids);

    // Pass 3: each session waits between moves so that all together offer `rate` moves per second.
    const pacedRows: Row[] = [];
    for (const [i, rate] of PACED_RATES.entries()) {
      const paced = await pass(bots, 2_000_000 + i * 100_000, SESSIONS, false, (SESSIONS / rate) * 1000);
      const p99 = percentile(paced.latencyMs, 99);
      const at = `paced ${num(rate)}/s`;
      pacedRows.push(
        { label: `${at}: achieved load`, value: `${num(paced.latencyMs.length / (paced.elapsedMs / 1000))}/s` },
        { label: `${at}: latency p50`, value: ms(percentile(paced.latencyMs, 50)) },
        { label: `${at}: latency p99`, value: ms(p99), target: `< ${TARGETS.p99Ms} ms`, met: p99 < TARGETS.p99Ms },
        { label: `${at}: latency max`, value: ms(Math.max(...paced.latencyMs)) },
      );
    }

    const names = traffic.byName.sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${num(n / counted, 2)}`).join(', ');
    const kinds = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).map(([k, b]) => `${k} ${kb(b / ids.size)}`).join(', ');
    const tripsPer = traffic.roundTrips / counted;
    const rows: Row[] = [
      { label: 'sessions x members', value: `${num(SESSIONS)} x ${MEMBERS_PER_SESSION}, live progress-focused, ${ENCRYPT ? 'AES-GCM encrypted' : 'plain JSON'}` },
      { label: 'bot processes (own connection each)', value: num(PROCESSES) },
      { label: 'transitions per session', value: num(transitions / SESSIONS) },
      { label: 'saturated: transitions', value: `${num(transitions)} in ${num(saturated.elapsedMs)} ms` },
      { label: `saturated: transitions per second (median of ${SATURATED_RUNS})`, value: `${num(perSecond)} (runs: ${runs.map((r) => num(rate(r))).join(', ')})`, target: `>= ${num(TARGETS.perSecond)}`, met: perSecond >= TARGETS.perSecond },
      { label: 'saturated: bot CPU per transition', value: `${num(cpuPer)} us (${PROCESSES} process(es) at 100%: ${num((PROCESSES * 1e6) / cpuPer)}/s)` },
      { label: 'saturated: latency p50 / p99', value: `${ms(percentile(saturated.latencyMs, 50))} / ${ms(percentile(saturated.latencyMs, 99))}` },
      ...pacedRows,
      { label: 'Redis round trips per transition: mean', value: num(tripsPer, 2), target: `<= ${TARGETS.roundTrips}`, met: tripsPer <= TARGETS.roundTrips },
      { label: 'Redis round trips per transition: most', value: num(traffic.mostRoundTrips), target: `<= ${TARGETS.roundTrips}`, met: traffic.mostRoundTrips <= TARGETS.roundTrips },
      { label: 'Redis commands per transition', value: `${num(traffic.commands / counted, 2)} (${names}); saturated pass: ${num(commandsPer, 2)}` },
      { label: 'stored session data at the end: mean / max', value: `${kb(mean(storedChars))} / ${kb(Math.max(...storedChars))}` },
      { label: 'MEMORY USAGE per session, outbox run: mean', value: kb(mean(ran.totals)), target: `< ${kb(TARGETS.bytes)}`, met: mean(ran.totals) < TARGETS.bytes },
      { label: 'MEMORY USAGE per session, outbox run: max', value: kb(Math.max(...ran.totals)), target: `< ${kb(TARGETS.bytes)}`, met: Math.max(...ran.totals) < TARGETS.bytes },
      { label: '  by key (mean)', value: kinds(ran.byKind) },
      { label: 'MEMORY USAGE per session, outbox never run: mean / max', value: `${kb(mean(withOutbox.totals))} / ${kb(Math.max(...withOutbox.totals))}` },
      { label: '  by key (mean)', value: kinds(withOutbox.byKind) },
    ];
    const machine = `${cpus().length} cores, load average ${num(load, 2)} at start and ${num(loadavg()[0] ?? 0, 2)} at the end, Node ${process.version}, node flags "${nodeFlags()}"`;
    printTable(`bench:engine - ${machine}, ${new Date().toISOString()}`, rows);
    console.log(`round trips: commands one dispatch sends before it could have read any reply count as one (bench/support/counting-redis.ts); counted over ${num(counted)} transitions of ${TRAFFIC_SESSIONS} sessions.`);
    console.log(`latency: one dispatch (load + decide + commit), as a Slack listener awaits it. Saturated latency is mostly queueing: ${num(SESSIONS)} sessions wait on ${PROCESSES} process(es).`);
  } finally {
    const removed = await deleteUnder(admin, prefix);
    console.log(`cleaned up ${removed} keys under ${prefix}`);
    await Promise.all(bots.map((bot) => bot.close()));
    await admin.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
