/**
 * Issue 6: "without it, the bot warns at start-up when using Redis". The real
 * entry point, started as an operator would (tsx src/index.ts, settings in
 * the environment only) against the Slack bench: with REDIS_URL and no
 * CONTENT_ENCRYPTION_KEY it warns that what people write is stored as plain
 * text; with a key it says content is encrypted and names the key by its id,
 * never by its value.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyIdOf } from '../../src/store/crypto-codec';
import { testRedisUrl } from '../support/redis';
import { type SlackBench, startSlackBench } from '../support/slack';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const entry = path.join(root, 'src', 'index.ts');

interface Started {
  child: ChildProcess;
  lines: () => Array<Record<string, unknown>>;
  raw: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(tsx, [entry], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = (): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, lines, raw: () => out, exited };
}

async function running(bot: Started): Promise<void> {
  const until = Date.now() + 20_000;
  while (!bot.lines().some((line) => line.msg === 'the intervision bot is running')) {
    if (Date.now() > until) throw new Error(`the bot did not start:\n${bot.raw()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(bot: Started): Promise<void> {
  bot.child.kill('SIGTERM');
  await bot.exited;
}

describe('the process with Redis', () => {
  let bench: SlackBench;
  let env: Record<string, string>;

  beforeAll(async () => {
    bench = await startSlackBench();
    env = { SLACK_BOT_TOKEN: bench.botToken, SLACK_SIGNING_SECRET: bench.signingSecret, SLACK_API_URL: bench.apiUrl, REDIS_URL: testRedisUrl(), PORT: '0' };
  });

  afterAll(async () => {
    await bench?.stop();
  });

  it('warns at start-up when no CONTENT_ENCRYPTION_KEY is set', async () => {
    const bot = start(env);
    try {
      await running(bot);
      const warning = bot.lines().find((line) => String(line.msg).startsWith('CONTENT_ENCRYPTION_KEY is not set'));
      expect(warning).toMatchObject({ level: 40 });
      expect(String(warning?.msg)).toContain('stored in Redis as plain text');
      expect(bot.lines().some((line) => line.msg === 'session content is encrypted at rest')).toBe(false);
    } finally {
      await stop(bot);
    }
  }, 30_000);

  it('with a key, says content is encrypted and names the key by its id, never its value', async () => {
    const key = randomBytes(32);
    const bot = start({ ...env, CONTENT_ENCRYPTION_KEY: key.toString('base64') });
    try {
      await running(bot);
      expect(bot.lines().find((line) => line.msg === 'session content is encrypted at rest')).toMatchObject({ level: 30, keyId: keyIdOf(key) });
      expect(bot.lines().some((line) => String(line.msg).startsWith('CONTENT_ENCRYPTION_KEY is not set'))).toBe(false);
      expect(bot.raw()).not.toContain(key.toString('base64'));
      expect(bot.raw()).not.toContain(key.toString('base64url'));
    } finally {
      await stop(bot);
    }
  }, 30_000);
});
