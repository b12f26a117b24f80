/**
 * Real processes for the chaos test (test/e2e/chaos.test.ts): a redis-server
 * of its own that writes every change to its append-only file before it
 * answers (so stopping it and starting it again on the same port and
 * directory loses nothing it acknowledged), and bot processes started as an
 * operator starts them (node with tsx on src/index.ts, settings in the
 * environment only, HTTP mode), which can be killed with SIGKILL and started
 * again. Everything started here is stopped by its stop(), whatever failed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { CONFIG_VARIABLES } from '../../src/config';
import { answersPing } from './redis';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'src', 'index.ts');
/** tsx's loader, by absolute URL: the bots run from an empty directory (no .env there), where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Every child started here and still running: killed if the test process exits without stopping them (a Jest timeout, a crash). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a child and keeps it in `running` until it exits. */
function launch(command: string, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  const child = spawn(command, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? done(port) : fail(new Error('no free port'))));
    });
  });
}

/** A scratch directory for one chaos run: Redis's files and the bots' working directory. */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'intervision-chaos-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** How Redis is stopped before it starts again: the SHUTDOWN command, or SIGTERM (which Redis treats the same). */
export type RedisStop = 'shutdown' | 'sigterm';

/** The chaos run's own redis-server. */
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
    const started = launch('redis-server', args, { stdio: 'ignore' });
    child = started;
    const failed = new Promise<false>((done) => started.once('error', () => done(false)));
    const until = Date.now() + 15_000;
    for (;;) {
      const up = await Promise.race([answersPing(url, 300), failed]);
      if (up) return;
      if (started.exitCode !== null || Date.now() > until) throw new Error(`redis-server did not answer on port ${port} (is redis-server installed and the port free?)`);
      await sleep(50);
    }
  };
  await start();
  return {
    url,
    async restart(how, downMs) {
      const running = child;
      if (!running) throw new Error('redis-server is not running');
      if (how === 'sigterm') running.kill('SIGTERM');
      else {
        const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        admin.on('error', () => undefined);
        // The server closes the connection instead of answering: the call rejects, and that is the success.
        await admin.connect().then(() => admin.call('SHUTDOWN')).catch(() => undefined);
        admin.disconnect();
      }
      await exited(running);
      child = undefined;
      await sleep(downMs);
      await start();
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running) return;
      running.kill('SIGTERM');
      await exited(running);
    },
  };
}

/** One bot process. */
export interface BotProcess {
  name: string;
  pid: number;
  /** Where it listens (HTTP mode: /slack/events). */
  port: number;
  /** False once it was killed or has exited. */
  alive(): boolean;
  /** Everything it wrote to stdout and stderr (its JSON log lines). */
  output(): string;
  /** SIGKILL: no shutdown handler runs, nothing is finished. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the graceful stop), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** The bot's environment: nothing from this shell's bot settings (CONFIG_VARIABLES blanked), only `settings`. */
function botEnv(settings: Record<string, string>): Record<string, string> {
  const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...blank, ...settings, PORT: '0' };
}

/** The port in the bot's "running" log line, once it has written it. */
function runningPort(output: string): number | undefined {
  const line = output.split('\n').find((l) => l.includes('"msg":"the intervision bot is running"'));
  if (!line) return undefined;
  try {
    const port = (JSON.parse(line) as { port?: unknown }).port;
    return typeof port === 'number' && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `node --import tsx src/index.ts` in `cwd` with `settings` (PORT is
 * 0: the bot picks a free port and says which in its "running" log line).
 * Resolves once it runs; fails with its output if it exits first or takes
 * longer than `timeoutMs`.
 */
export async function startBotProcess(name: string, cwd: string, settings: Record<string, string>, timeoutMs = 60_000): Promise<BotProcess> {
  const child = launch(process.execPath, ['--import', TSX_LOADER, ENTRY], { cwd, env: botEnv(settings), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const gone = exited(child);
  const until = Date.now() + timeoutMs;
  let port = 0;
  while (!port) {
    const found = runningPort(out);
    if (found) port = found;
    else if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it ran:\n${out.slice(-2000)}`);
    else if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start within ${timeoutMs} ms:\n${out.slice(-2000)}`);
    } else await sleep(25);
  }
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid ?? -1,
    port,
    alive,
    output: () => out,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(killer);
    },
  };
}
