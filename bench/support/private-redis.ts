/**
 * A redis-server of bench:http's own, on a free port, with persistence off, so
 * that INFO commandstats counts only what the bot sent. When redis-server is
 * not installed, the shared Redis (REDIS_URL, else 127.0.0.1:6379) is used and
 * the figures say so: other clients' commands are then counted too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePorts, startChild, waitListening } from './processes';

export interface BenchRedis {
  url: string;
  /** False when this is the shared server: its commandstats include other clients. */
  private: boolean;
  /** A connection for the bench's own reads (INFO, seq); its commands are not in the counted deltas. */
  admin: Redis;
  stop(): Promise<void>;
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`No Redis answers at ${url} (${error instanceof Error ? error.message : String(error)}). Install redis-server, or start one and set REDIS_URL.`);
  }
  return redis;
}

/** Starts the private redis-server (or falls back to the shared one). */
export async function startBenchRedis(): Promise<BenchRedis> {
  if (!hasRedisServer()) {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const admin = await connect(url);
    return { url, private: false, admin, stop: async () => void (await admin.quit()) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-redis-'));
  const [port = 0] = await freePorts(1);
  const child = startChild('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {});
  const stop = async (): Promise<void> => {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitListening(child, port, 10_000);
    const admin = await connect(`redis://127.0.0.1:${port}`);
    return { url: `redis://127.0.0.1:${port}`, private: true, admin, stop: async () => {
      admin.disconnect();
      await stop();
    } };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Calls per command from INFO commandstats (e.g. { evalsha: 812, hget: 400 }). */
export async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] as string, Number(match[2]));
  return calls;
}

/**
 * What changed between two commandstats readings, leaving out the bench's
 * own commands: `exclude` says how many of each it sent, and INFO (how the
 * readings themselves are taken) is left out altogether.
 */
export function commandDelta(before: Map<string, number>, after: Map<string, number>, exclude: Map<string, number> = new Map()): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [name, calls] of after) {
    const n = calls - (before.get(name) ?? 0) - (exclude.get(name) ?? 0);
    if (n > 0 && name !== 'info') delta.set(name, n);
  }
  return delta;
}
