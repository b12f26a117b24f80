/**
 * The chaos test's own redis-server (test/e2e/chaos.test.ts): on a free port,
 * writing every change to its append-only file before it answers
 * (`--appendfsync always`), so stopping it (SHUTDOWN or SIGTERM) and starting
 * it again on the same port and directory loses nothing it acknowledged.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { answersPing, HOW_TO_START_REDIS } from './redis';
import { reapWithTest } from './reaper';
import { freePort } from './redis-server';

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/** A scratch directory for one chaos run (Redis's files; a failed run's logs). */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'intervision-chaos-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** How Redis is stopped before it starts again: the SHUTDOWN command, or SIGTERM (which Redis treats the same). */
export type RedisStop = 'shutdown' | 'sigterm';

export interface ChaosRedis {
  url: string;
  /** Stops it (`how`), waits `downMs`, and starts it again on the same port and directory; resolves once it answers. */
  restart(how: RedisStop, downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server on a free port with AOF on (fsync on every write) in `dir`. */
export async function startChaosRedis(dir: string): Promise<ChaosRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    reapWithTest(started);
    child = started;
    const failed = new Promise<false>((done) => started.once('error', () => done(false)));
    for (const until = Date.now() + 15_000; ; ) {
      if (await Promise.race([answersPing(url, 300), failed])) return;
      if (started.exitCode !== null || Date.now() > until) throw new Error(`redis-server did not answer on port ${port}.\n${HOW_TO_START_REDIS}`);
      await sleep(50);
    }
  };
  await start();
  return {
    url,
    async restart(how, downMs) {
      const current = child;
      if (!current) throw new Error('redis-server is not running');
      if (how === 'sigterm') current.kill('SIGTERM');
      else {
        const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        admin.on('error', () => undefined);
        // The server closes the connection instead of answering: the call rejects, and that is the success.
        await admin.connect().then(() => admin.call('SHUTDOWN')).catch(() => undefined);
        admin.disconnect();
      }
      await exited(current);
      child = undefined;
      await sleep(downMs);
      await start();
    },
    async stop() {
      const current = child;
      child = undefined;
      if (!current) return;
      current.kill('SIGTERM');
      await exited(current);
    },
  };
}
