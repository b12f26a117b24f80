import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testRedisUrl } from '../support/redis';
import { startSlackBench, type SlackBench } from '../support/slack';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const entry = path.join(root, 'src', 'index.ts');
/** The bot token the emulated Slack knows the bot by. */
const BOT_TOKEN = 'xoxb-1-2-process-test-token';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs the real entry point with only `env` (plus PATH and HOME), from a
 * directory without a .env file, as an operator would on a fresh machine.
 */
function run(env: Record<string, string>): Run {
  const child = spawn(tsx, [entry], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** What the process logged so far, one JSON object a line. */
function logLines(run: Run): Array<Record<string, unknown>> {
  return run
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/\w*Error:/);
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('the bot did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the process', () => {
  // On a clone, `npm start` with no Slack settings serves the playground instead (test/playground/process.test.ts).
  it('as deployed (the production entry), with no Slack settings at all, says how to connect a workspace and exits 1', async () => {
    const bot = run({ PORT: '0' });
    expect(await bot.exited).toBe(1);
    expect(bot.stdout()).toBe('');
    const message = bot.stderr();
    expect(message).toContain('No Slack settings were found');
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('npm start');
    expectNoStackTrace(message);
  });

  it('with partial Slack settings, prints one message naming SLACK_BOT_TOKEN and exits 1 without a stack trace', async () => {
    const bot = run({ SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(await bot.exited).toBe(1);
    expect(bot.stdout()).toBe('');
    const message = bot.stderr();
    expect(message.match(/cannot start/g)).toHaveLength(1);
    expect(message).toContain('SLACK_BOT_TOKEN is missing');
    expect(message).toContain('manifest.yml');
    expectNoStackTrace(message);
  });

  it('with a malformed token, explains the problem without ever printing the token', async () => {
    const token = 'xoxp-4242-user-token-do-not-print';
    const bot = run({ SLACK_BOT_TOKEN: token, SLACK_APP_TOKEN: 'xapp-also-secret-value' });
    expect(await bot.exited).toBe(1);
    const everything = bot.stdout() + bot.stderr();
    expect(everything).toContain('SLACK_BOT_TOKEN is not a bot token');
    expect(everything).not.toContain('4242-user-token');
    expect(everything).not.toContain('also-secret-value');
    expectNoStackTrace(everything);
  });

  describe('with a Slack to talk to', () => {
    let slack: SlackBench;
    beforeEach(async () => {
      slack = await startSlackBench({ botToken: BOT_TOKEN });
    });
    afterEach(async () => {
      await slack.stop();
    });

    it('starts in HTTP mode, says where it listens without secrets, and stops with status 0 on SIGTERM', async () => {
      const secret = 'abcdef0123456789abcdef0123456789';
      const bot = run({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'debug',
      });
      try {
        await waitFor(() => bot.stdout().includes('the intervision bot is running'), 15_000);
        const started = logLines(bot);
        const running = started.find((line) => line.msg === 'the intervision bot is running');
        expect(running).toMatchObject({ mode: 'http', store: 'memory' });
        expect(typeof running?.port).toBe('number');
        expect(started.some((line) => String(line.msg).startsWith('REDIS_URL is not set'))).toBe(true);

        const health = await fetch(`http://127.0.0.1:${String(running?.port)}/healthz`);
        expect(health.status).toBe(200);

        bot.child.kill('SIGTERM');
        expect(await bot.exited).toBe(0);
        expect(bot.stdout()).toContain('"msg":"stopped"');
        expect(bot.stdout() + bot.stderr()).not.toContain('process-test-token');
        expect(bot.stdout() + bot.stderr()).not.toContain(secret);
      } finally {
        bot.child.kill('SIGKILL');
      }
    });
  });

  it('with REDIS_URL, keeps sessions in Redis, reports it healthy, and stops with status 0 on SIGINT', async () => {
    const slack = await startSlackBench({ botToken: BOT_TOKEN });
    const bot = run({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: testRedisUrl(),
      PORT: '0',
    });
    try {
      await waitFor(() => bot.stdout().includes('the intervision bot is running'), 15_000);
      const running = logLines(bot).find((line) => line.msg === 'the intervision bot is running');
      expect(running).toMatchObject({ mode: 'http', store: 'redis' });
      const health = await fetch(`http://127.0.0.1:${String(running?.port)}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', store: 'redis' });
      bot.child.kill('SIGINT');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('with a token Slack rejects, prints one message and exits 1', async () => {
    // Slack knows the bot by another token.
    const slack = await startSlackBench();
    try {
      const bot = run({ SLACK_BOT_TOKEN: 'xoxb-1-2-rejected-token', SLACK_APP_TOKEN: 'xapp-1-A1-2-3', SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'error' });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr()).toContain('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
      expect(bot.stdout() + bot.stderr()).not.toContain('rejected-token');
      expectNoStackTrace(bot.stderr());
    } finally {
      await slack.stop();
    }
  });
});
