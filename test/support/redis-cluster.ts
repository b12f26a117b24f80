/**
 * A real Redis Cluster on this machine: three primaries, each a redis-server
 * with `--cluster-enabled yes` on a free port whose cluster bus port (the
 * port + 10000, as every Redis since 5 has it) is free too, joined by
 * `redis-cli --cluster create`, with every slot served.
 * Started once per Jest run by global setup (and by `bench:engine`'s cluster
 * mode); every process it starts is killed with it, even when the run is
 * stopped hard (reaper.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { reapWithTest } from './reaper';

export interface ClusterNode {
  host: string;
  port: number;
}

export interface LocalCluster {
  nodes: ClusterNode[];
  /** "127.0.0.1:7001,127.0.0.1:7002,…", as REDIS_CLUSTER_NODES takes it. */
  spec: string;
  stop(): Promise<void>;
}

/** What to do when the cluster cannot be started, said the same way everywhere. */
export const HOW_TO_GET_A_CLUSTER =
  'The tests run the stores, the scheduler and a whole session on a real Redis Cluster too, which they start with ' +
  'redis-server --cluster-enabled yes and redis-cli --cluster create. Install both (Debian/Ubuntu: apt-get install redis-server redis-tools), ' +
  'or set REDIS_CLUSTER_NODES to the nodes of a Redis Cluster the tests may use (e.g. 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003).';

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** True when `command --version` runs. */
function installed(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** CLUSTER INFO of one node, as fields; empty when it does not answer. */
export async function clusterInfo(node: ClusterNode): Promise<Record<string, string>> {
  const probe = new Redis({ host: node.host, port: node.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const info = String(await probe.call('CLUSTER', 'INFO'));
    return Object.fromEntries(info.split(/\r?\n/).filter((line) => line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]));
  } catch {
    return {};
  } finally {
    probe.disconnect();
  }
}

/** Waits until every node says the cluster is ok, with every slot served and every node known. */
export async function clusterReady(nodes: ClusterNode[], timeoutMs: number): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    const infos = await Promise.all(nodes.map(clusterInfo));
    if (infos.every((info) => info.cluster_state === 'ok' && info.cluster_slots_ok === '16384' && Number(info.cluster_known_nodes) >= nodes.length)) return true;
    await sleep(100);
  }
  return false;
}

/** Whether nothing listens on `port` of 127.0.0.1 right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (+10000) is free too. */
async function freeNodePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
  throw new Error('no free pair of ports for a cluster node');
}

/** One cluster-enabled redis-server on a free port. */
async function startNode(dir: string): Promise<{ node: ClusterNode; child: ChildProcess }> {
  const port = await freeNodePort();
  const args = ['--port', String(port), '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000'];
  const child = spawn('redis-server', [...args, '--dir', dir, '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  reapWithTest(child);
  const node = { host: '127.0.0.1', port };
  for (const until = Date.now() + 5000; Object.keys(await clusterInfo(node)).length === 0; ) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`a cluster node did not start on port ${port}.\n${HOW_TO_GET_A_CLUSTER}`);
    await sleep(30);
  }
  return { node, child };
}

/** Starts three primaries and joins them into one cluster; throws, saying how to fix it, when it cannot. */
export async function startLocalCluster(primaries = 3): Promise<LocalCluster> {
  if (!installed('redis-server') || !installed('redis-cli')) throw new Error(HOW_TO_GET_A_CLUSTER);
  const dir = mkdtempSync(join(tmpdir(), 'intervision-cluster-'));
  const started: Array<{ node: ClusterNode; child: ChildProcess }> = [];
  // One after the other, so no two nodes pick the same free port.
  for (let i = 0; i < primaries; i += 1) started.push(await startNode(dir));
  const nodes = started.map((s) => s.node);
  const stop = async (): Promise<void> => {
    await Promise.all(
      started.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise<void>((done) => child.once('exit', () => done()).kill('SIGKILL')))),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const addresses = nodes.map((n) => `${n.host}:${n.port}`);
  const create = spawnSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
  if (create.status !== 0 || !(await clusterReady(nodes, 15_000))) {
    await stop();
    throw new Error(`redis-cli --cluster create did not make a working cluster (${create.status}): ${create.stdout}${create.stderr}\n${HOW_TO_GET_A_CLUSTER}`);
  }
  return { nodes, spec: addresses.join(','), stop };
}

/** The nodes in REDIS_CLUSTER_NODES' form ("host:port,host:port"). */
export function nodesOf(spec: string): ClusterNode[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [host = '127.0.0.1', port = '0'] = entry.replace(/^rediss?:\/\//, '').split(':');
      return { host, port: Number(port) };
    });
}
