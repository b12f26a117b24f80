/**
 * The real bot as its own operating-system process (the production entry
 * point, src/index.ts, run by node with tsx's loader), so a test can kill it
 * with SIGKILL as a crash would, start another, and time what follows. The
 * process is node itself, not a wrapper: a signal reaches the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SlackBench } from './slack';

const root = path.resolve(__dirname, '../..');
const loader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const entry = path.join(root, 'src', 'index.ts');

export interface BotProcess {
  child: ChildProcess;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  /** Date.now() when it logged that it is running. */
  runningAt: number;
  /** Where it answers Slack's requests (HTTP mode) and /healthz. */
  port: number;
  /** Its request URL, for the bench's driver. */
  requestUrl: string;
  /** Everything it logged so far, one JSON object a line. */
  lines(): Array<Record<string, unknown>>;
  /** Everything it wrote, as text (stdout and stderr). */
  raw(): string;
  /** Ends it with SIGKILL, as a crash would (no shutdown of any kind), and waits until it is gone. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM (a graceful stop) and waits until it is gone. */
  stop(): Promise<void>;
}

/** Starts the bot in HTTP mode against the bench, with `env` added (REDIS_URL…), and waits until it runs. */
export async function startBotProcess(bench: SlackBench, env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['--import', loader, entry], {
    // A directory of its own, so no .env file is read.
    cwd: mkdtempSync(path.join(tmpdir(), 'intervision-bot-')),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      SLACK_BOT_TOKEN: bench.botToken,
      SLACK_SIGNING_SECRET: bench.signingSecret,
      SLACK_API_URL: bench.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = (): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!gone()) child.kill(signal);
    await exited;
  };
  let running: Record<string, unknown> | undefined;
  for (const until = Date.now() + timeoutMs; !running; ) {
    running = lines().find((line) => line.msg === 'the intervision bot is running');
    if (running) break;
    if (gone() || Date.now() > until) {
      await end('SIGKILL');
      throw new Error(`the bot process did not start:\n${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const port = Number(running.port);
  return {
    child,
    spawnedAt,
    // The line's own time (pino's epoch ms), not when this poll noticed it.
    runningAt: typeof running.time === 'number' ? running.time : Date.now(),
    port,
    requestUrl: `http://127.0.0.1:${port}/slack/events`,
    lines,
    raw: () => out,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
