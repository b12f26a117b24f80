/**
 * bench:engine's cluster mode (BENCH_CLUSTER=1): the same saturated pass,
 * with the same number of forked bot processes (BENCH_PROCESSES, default 3),
 * first on the one Redis and then on a Redis Cluster, in the same run, so the
 * two figures are comparable. The cluster is REDIS_CLUSTER_NODES, or three
 * local primaries started for the run (test/support/redis-cluster.ts).
 */
import { Cluster } from 'ioredis';
import { nodesOf, startLocalCluster, type ClusterNode, type LocalCluster } from '../../test/support/redis-cluster';
import { forkedBot, type BotProcess, type PassResult, type StoreSetup } from './bot-process';
import { deleteUnder, openConnection, uniquePrefix } from './redis';
import { num, percentile, printTable, type Row } from './report';

export type Pass = (bots: BotProcess[], first: number, count: number, traffic: boolean, thinkMeanMs: number) => Promise<PassResult>;

interface Measured {
  runs: number[];
  median: PassResult;
  perSecond: number;
}

const rate = (r: PassResult): number => r.latencyMs.length / (r.elapsedMs / 1000);

/** Warm-up, then `runs` saturated passes of `sessions` sessions; the median run. */
async function measure(pass: Pass, bots: BotProcess[], sessions: number, runs: number): Promise<Measured> {
  await pass(bots, 1_000_000, 20, false, 0);
  const results: PassResult[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await pass(bots, run * 10_000, sessions, false, 0));
  results.sort((a, b) => rate(a) - rate(b));
  const median = results[Math.floor(results.length / 2)] as PassResult;
  return { runs: results.map(rate), median, perSecond: rate(median) };
}

/** Deletes every key under `prefix` on every primary of the cluster. */
async function deleteOnCluster(nodes: ClusterNode[], prefix: string): Promise<number> {
  const cluster = new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  try {
    await cluster.ping();
    let removed = 0;
    for (const node of cluster.nodes('master')) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        await Promise.all(keys.map((key) => cluster.unlink(key)));
        removed += keys.length;
      } while (cursor !== '0');
    }
    return removed;
  } finally {
    cluster.disconnect();
  }
}

/** One side of the comparison: the bot processes on `setup`'s Redis, measured, then closed and their keys deleted. */
async function side(entry: string, pass: Pass, setup: StoreSetup, options: { processes: number; sessions: number; runs: number }): Promise<Measured> {
  const bots = Array.from({ length: options.processes }, () => forkedBot(entry, setup));
  try {
    return await measure(pass, bots, options.sessions, options.runs);
  } finally {
    await Promise.all(bots.map((bot) => bot.close()));
    if (setup.cluster) await deleteOnCluster(setup.cluster, setup.prefix);
    else {
      const admin = await openConnection();
      await deleteUnder(admin, setup.prefix);
      await admin.quit();
    }
  }
}

/** Runs the comparison and prints it. */
export async function compareWithCluster(entry: string, pass: Pass, options: { processes: number; sessions: number; runs: number; machine: () => string }): Promise<void> {
  const given = process.env.REDIS_CLUSTER_NODES;
  const local: LocalCluster | undefined = given ? undefined : await startLocalCluster();
  const nodes = given ? nodesOf(given) : (local?.nodes ?? []);
  try {
    const single = await side(entry, pass, { prefix: uniquePrefix('engine') }, options);
    const cluster = await side(entry, pass, { prefix: uniquePrefix('engine'), cluster: nodes }, options);
    const line = (where: string, m: Measured): Row[] => [
      { label: `${where}: transitions per second (median of ${m.runs.length})`, value: `${num(m.perSecond)} (runs: ${m.runs.map((r) => num(r)).join(', ')})` },
      { label: `${where}: latency p50 / p99`, value: `${num(percentile(m.median.latencyMs, 50), 2)} / ${num(percentile(m.median.latencyMs, 99), 2)} ms` },
      { label: `${where}: bot CPU per transition`, value: `${num(m.median.cpuUs / m.median.latencyMs.length)} us` },
      { label: `${where}: Redis commands per transition`, value: num(m.median.commandsSent / m.median.latencyMs.length, 2) },
    ];
    printTable(`bench:engine, cluster mode - ${options.processes} bot processes, ${num(options.sessions)} sessions a pass, ${options.machine()}`, [
      { label: 'Redis Cluster', value: `${nodes.length} primaries: ${nodes.map((n) => `${n.host}:${n.port}`).join(', ')}${local ? ' (started for this run, on this machine)' : ''}` },
      ...line('one Redis', single),
      ...line('Redis Cluster', cluster),
      { label: 'Redis Cluster against one Redis', value: `${num((cluster.perSecond / single.perSecond) * 100)} %` },
    ]);
  } finally {
    await local?.stop();
  }
}
