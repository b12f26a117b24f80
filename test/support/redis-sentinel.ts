/**
 * Redis with a replica (or two), watched by three Sentinels, all on this
 * machine: a primary and its replicas (`--replicaof`) on free ports, and three
 * `redis-server --sentinel` monitoring the primary (quorum 2, down after
 * 1 s), each with a config file of its own (Sentinel rewrites it). Each
 * replica replicates through a relay, so a test can cut it off from the
 * primary (Sentinel's failover timeout, 60 s, keeps it from "fixing" a
 * replica that names the relay as its primary while a test runs). A test
 * can kill the primary with SIGKILL, as a crash would, and learn when the
 * Sentinels announced the replica as the new primary (+switch-master).
 * Every process it starts is killed with it (reaper.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { relayTo, type RedisOutage } from '../foundation/redis-proxy';
import { answersPing, HOW_TO_START_REDIS } from './redis';
import { reapWithTest } from './reaper';
import { freePort } from './redis-server';

/** The name the Sentinels know the primary by. */
export const SENTINEL_NAME = 'intervision';
/** How long the Sentinels wait before they take a silent primary for down. */
export const DOWN_AFTER_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

interface Server {
  port: number;
  child: ChildProcess;
}

export interface SentinelGroup {
  /** "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3", as REDIS_SENTINELS takes it. */
  sentinels: string;
  name: string;
  /** The port of the primary as started, and of its replicas. */
  primaryPort: number;
  replicaPorts: number[];
  /** Ends the primary with SIGKILL (no shutdown, nothing flushed); resolves with Date.now() of the kill. */
  killPrimary(): Promise<number>;
  /**
   * The replicas reach the primary through relays (test/foundation/redis-proxy.ts):
   * this holds everything on its way to them, as a network fault would, so
   * what the primary acknowledges from now on is on the primary alone; and
   * once the primary is dead, `drop` loses what was held.
   */
  partitionReplicas(): { drop(): Promise<void> };
  /**
   * Listens to a Sentinel for the announcement of a new primary
   * (+switch-master); once listening, resolves with a wait that gives
   * Date.now() of the announcement (rejecting after `timeoutMs`).
   */
  watchFailover(): Promise<(timeoutMs: number) => Promise<number>>;
  /** The replication offsets just now: what the primary has written, and what each replica has of it (bytes). */
  offsets(): Promise<{ primary: number; replicas: number[] }>;
  stop(): Promise<void>;
}

function start(args: string[]): ChildProcess {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  reapWithTest(child);
  return child;
}

async function answering(port: number, child: ChildProcess): Promise<void> {
  for (const until = Date.now() + 10_000; !(await answersPing(`redis://127.0.0.1:${port}`, 300)); ) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`a redis-server did not start on port ${port}.\n${HOW_TO_START_REDIS}`);
    await sleep(30);
  }
}

async function info(port: number, section: string): Promise<Record<string, string>> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const text = String(await client.call('INFO', section));
    return Object.fromEntries(text.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
  } catch {
    return {};
  } finally {
    client.disconnect();
  }
}

/** A Sentinel's view of the group: how many replicas and other Sentinels it knows. */
async function knows(port: number): Promise<{ replicas: number; sentinels: number }> {
  const fields = await info(port, 'sentinel');
  const master = fields.master0 ?? '';
  return { replicas: Number(/slaves=(\d+)/.exec(master)?.[1] ?? 0), sentinels: Number(/sentinels=(\d+)/.exec(master)?.[1] ?? 0) };
}

async function startSentinel(dir: string, primaryPort: number): Promise<Server> {
  const port = await freePort();
  const file = join(dir, `sentinel-${port}.conf`);
  writeFileSync(
    file,
    [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primaryPort} 2`, `sentinel down-after-milliseconds ${SENTINEL_NAME} ${DOWN_AFTER_MS}`, `sentinel failover-timeout ${SENTINEL_NAME} 60000`, `sentinel parallel-syncs ${SENTINEL_NAME} 1`, ''].join('\n'),
  );
  const child = start([file, '--sentinel']);
  await answering(port, child);
  return { port, child };
}

/** A replica of the primary, through a relay of its own (so a test can cut it off), once it is in sync. */
async function startReplica(common: string[], primaryPort: number, relays: RedisOutage[]): Promise<Server> {
  const port = await freePort();
  const relay = await relayTo(`redis://127.0.0.1:${primaryPort}`);
  relays.push(relay);
  const replica = { port, child: start(['--port', String(port), ...common, '--replicaof', '127.0.0.1', new URL(relay.url).port]) };
  await answering(port, replica.child);
  for (const until = Date.now() + 10_000; (await info(port, 'replication')).master_link_status !== 'up'; ) {
    if (Date.now() > until) throw new Error('a replica did not sync with the primary');
    await sleep(50);
  }
  return replica;
}

/** Starts the primary, `replicas` replicas (in sync), and three Sentinels that know them all and each other. */
export async function startSentinelGroup(replicas = 1): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'intervision-sentinel-'));
  const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const primaryPort = await freePort();
  const primary = { port: primaryPort, child: start(['--port', String(primaryPort), ...common]) };
  const servers: Server[] = [primary];
  const relays: RedisOutage[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(relays.map((relay) => relay.close()));
    await Promise.all(servers.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise<void>((done) => child.once('exit', () => done()).kill('SIGKILL')))));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answering(primaryPort, primary.child);
    const copies: Server[] = [];
    for (let i = 0; i < replicas; i += 1) copies.push(await startReplica(common, primaryPort, relays));
    servers.push(...copies);
    const sentinels: Server[] = [];
    for (let i = 0; i < 3; i += 1) sentinels.push(await startSentinel(dir, primaryPort));
    servers.push(...sentinels);
    // Sentinels find the replicas and each other by their hello messages (every 2 s): wait until each knows all.
    for (const until = Date.now() + 15_000; ; ) {
      const views = await Promise.all(sentinels.map((s) => knows(s.port)));
      if (views.every((v) => v.replicas >= replicas && v.sentinels >= 3)) break;
      if (Date.now() > until) throw new Error(`the Sentinels did not find each other and the replicas: ${JSON.stringify(views)}`);
      await sleep(100);
    }
    return group(primary, copies, relays, sentinels, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

function group(primary: Server, replicas: Server[], relays: RedisOutage[], sentinels: Server[], stop: () => Promise<void>): SentinelGroup {
  return {
    sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    name: SENTINEL_NAME,
    primaryPort: primary.port,
    replicaPorts: replicas.map((r) => r.port),
    async killPrimary() {
      const exited = new Promise<void>((done) => primary.child.once('exit', () => done()));
      const at = Date.now();
      primary.child.kill('SIGKILL');
      await exited;
      return at;
    },
    partitionReplicas() {
      for (const relay of relays) relay.stall();
      return { drop: async () => void (await Promise.all(relays.map((relay) => relay.down()))) };
    },
    async watchFailover() {
      const watcher = new Redis({ port: sentinels[0]?.port ?? 0, host: '127.0.0.1', maxRetriesPerRequest: 0 });
      watcher.on('error', () => undefined);
      let announced: number | undefined;
      watcher.on('message', () => void (announced ??= Date.now()));
      await watcher.subscribe('+switch-master');
      return async (timeoutMs) => {
        try {
          for (const until = Date.now() + timeoutMs; announced === undefined; ) {
            if (Date.now() > until) throw new Error(`the Sentinels announced no new primary within ${timeoutMs} ms`);
            await sleep(20);
          }
          return announced;
        } finally {
          watcher.disconnect();
        }
      };
    },
    async offsets() {
      const [p, ...r] = await Promise.all([info(primary.port, 'replication'), ...replicas.map((replica) => info(replica.port, 'replication'))]);
      return { primary: Number(p?.master_repl_offset ?? 0), replicas: r.map((fields) => Number(fields.slave_repl_offset ?? fields.master_repl_offset ?? 0)) };
    },
    stop,
  };
}
