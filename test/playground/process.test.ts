import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSlackBench } from '../support/slack';

/**
 * `npm start` as someone trying the bot out runs it: with no Slack settings at
 * all it serves the playground; with some, it is the bot (or its guidance),
 * and nothing of the playground is loaded.
 */

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const entry = path.join(root, 'dev', 'start.ts');

interface Run {
  stdout: () => string;
  stderr: () => string;
  stop: () => void;
  exited: Promise<number | null>;
}

/** Runs the real entry point with only `env` (plus PATH and HOME), from a directory without a .env file. */
function run(env: Record<string, string>): Run {
  const child = spawn(tsx, [entry], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { stdout: () => out, stderr: () => err, stop: () => child.kill('SIGTERM'), exited };
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start', () => {
  it('with no Slack settings at all, serves the playground and says so in one line, with how to connect a real workspace', async () => {
    const started = run({ PORT: '0' });
    try {
      const url = await until(() => /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(started.stdout())?.[1], 'the playground line');
      expect(started.stdout().trim().split('\n')).toHaveLength(1);
      expect(started.stdout()).toContain('playground');
      expect(started.stdout()).toContain('SLACK_BOT_TOKEN');
      const page = await fetch(`${url}/?as=U0FEMKE`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('intervision');
    } finally {
      started.stop();
    }
    expect(await started.exited).toBe(0);
    expect(started.stderr()).toBe('');
  }, 30_000);

  it('with only some Slack settings, gives the configuration guidance and exits 1, without a playground', async () => {
    const started = run({ SLACK_APP_TOKEN: 'xapp-1-A0-1-abcdef', PORT: '0' });
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toContain('SLACK_BOT_TOKEN is missing');
    expect(started.stdout() + started.stderr()).not.toContain('playground');
  }, 30_000);

  it('with Slack settings, runs the bot and never loads the playground', async () => {
    const bench = await startSlackBench();
    const started = run({
      SLACK_BOT_TOKEN: bench.botToken,
      SLACK_SIGNING_SECRET: bench.signingSecret,
      SLACK_API_URL: bench.apiUrl,
      PORT: '0',
      NODE_OPTIONS: `--require ${path.join(__dirname, 'loaded-modules.cjs')}`,
    });
    try {
      await until(() => (started.stdout().includes('the intervision bot is running') ? true : undefined), 'the bot start');
    } finally {
      started.stop();
      await started.exited;
      await bench.stop();
    }
    const loaded = JSON.parse(/LOADED-MODULES (.*)/.exec(started.stderr())?.[1] ?? '[]') as string[];
    expect(loaded.some((f) => f.endsWith(path.join('src', 'slack', 'app.ts')))).toBe(true);
    expect(loaded.filter((f) => f.includes(`${path.sep}playground${path.sep}`))).toEqual([]);
  }, 30_000);
});
