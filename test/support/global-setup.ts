/**
 * Finds a Redis for the whole test run before any worker starts: REDIS_URL if
 * set, else a local server on 6379, else a throwaway redis-server on a free
 * port (stopped in global teardown). Fails once, with how to fix it, if none.
 * And a Redis Cluster, for the suites that run on one too: REDIS_CLUSTER_NODES
 * if set, else three local primaries it starts (redis-cluster.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { answersPing, clusterHandOverFile, handOverFile, HOW_TO_START_REDIS, TEST_CLUSTER_VAR, TEST_REDIS_URL_VAR } from './redis';
import { clusterReady, HOW_TO_GET_A_CLUSTER, type LocalCluster, nodesOf, startLocalCluster } from './redis-cluster';

/** Where global teardown finds the server we started (setup and teardown share the globals). */
export const SPAWNED_REDIS = Symbol.for('intervision.test.spawnedRedis');
/** Where global teardown finds the cluster we started. */
export const SPAWNED_CLUSTER = Symbol.for('intervision.test.spawnedCluster');

type WithSpawned = typeof globalThis & { [SPAWNED_REDIS]?: ChildProcess; [SPAWNED_CLUSTER]?: LocalCluster };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function waitForPing(url: string, totalMs: number): Promise<boolean> {
  const until = Date.now() + totalMs;
  while (Date.now() < until) {
    if (await answersPing(url, 300)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function spawnRedis(): Promise<string | null> {
  const port = await freePort();
  const args = ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const failed = new Promise<boolean>((resolve) => child.once('error', () => resolve(false)));
  const url = `redis://127.0.0.1:${port}`;
  const up = await Promise.race([waitForPing(url, 5000), failed]);
  if (!up) {
    child.kill();
    return null;
  }
  (globalThis as WithSpawned)[SPAWNED_REDIS] = child;
  return url;
}

async function chooseRedis(): Promise<string> {
  const given = process.env.REDIS_URL;
  if (given) {
    if (await answersPing(given, 2000)) return given;
    throw new Error(`REDIS_URL is set but does not answer PING.\n${HOW_TO_START_REDIS}`);
  }
  const local = 'redis://127.0.0.1:6379';
  if (await answersPing(local, 500)) return local;
  const spawned = await spawnRedis();
  if (spawned) return spawned;
  throw new Error(HOW_TO_START_REDIS);
}

async function chooseCluster(): Promise<string> {
  const given = process.env.REDIS_CLUSTER_NODES;
  if (given) {
    if (await clusterReady(nodesOf(given), 3000)) return given;
    throw new Error(`REDIS_CLUSTER_NODES is set but is not a working Redis Cluster (CLUSTER INFO must say cluster_state:ok on every node).\n${HOW_TO_GET_A_CLUSTER}`);
  }
  const cluster = await startLocalCluster();
  (globalThis as WithSpawned)[SPAWNED_CLUSTER] = cluster;
  return cluster.spec;
}

/** Jest global setup: choose the Redis and the Cluster and hand them to the workers. */
export default async function globalSetup(): Promise<void> {
  const [url, cluster] = await Promise.all([chooseRedis(), chooseCluster()]);
  process.env[TEST_REDIS_URL_VAR] = url;
  process.env[TEST_CLUSTER_VAR] = cluster;
  writeFileSync(handOverFile(process.pid), url, { mode: 0o600 });
  writeFileSync(clusterHandOverFile(process.pid), cluster, { mode: 0o600 });
}
