import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { StartupError, startBot, verifyBotToken, type RunningBot } from '../../src/slack/app';
import type { SubcommandHandler } from '../../src/slack/listeners/commands';
import { MemorySessionStore } from '../../src/store/memory';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { SessionStore } from '../../src/store/session-store';
import { testRedisUrl } from '../support/redis';
import { relayTo, type RedisOutage } from './redis-proxy';
import { postCommand, startFakeSlack, type FakeSlack } from './slack-fake';

const SECRET = 'abcdef0123456789abcdef0123456789';
const BOT_TOKEN = 'xoxb-1-2-foundation-test-token';

function httpConfig(slack: FakeSlack): Config {
  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

/** The bot's log lines, kept to check what it said (and did not say). */
const logLines: string[] = [];
const logger = createLogger(
  'debug',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  }),
);

/** A Redis connection that gives up on a command quickly while Redis is away, and reconnects when it returns. */
function quickRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 500, retryStrategy: () => 50 });
  redis.on('error', () => undefined);
  return redis;
}

async function health(bot: RunningBot): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
  return { status: response.status, body: await response.json() };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the Bolt app in HTTP mode', () => {
  let slack: FakeSlack;
  const running: RunningBot[] = [];
  const stores: SessionStore[] = [];
  const relays: RedisOutage[] = [];

  async function start(store: SessionStore, storeKind: 'redis' | 'memory', subcommands?: Partial<Record<'new' | 'list', SubcommandHandler>>): Promise<RunningBot> {
    stores.push(store);
    const bot = await startBot(httpConfig(slack), { logger, store, storeKind, ...(subcommands ? { subcommands } : {}) });
    running.push(bot);
    return bot;
  }

  beforeEach(async () => {
    slack = await startFakeSlack();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
    await slack.close();
  });

  it('checks the bot token with auth.test once, at start', async () => {
    await start(new MemorySessionStore(), 'memory');
    expect(slack.calls.filter((call) => call.path === '/api/auth.test')).toHaveLength(1);
  });

  it('answers /intervision help with the usage, shown only to the person who asked', async () => {
    const bot = await start(new MemorySessionStore(), 'memory');
    const response = await postCommand(bot.port ?? 0, SECRET, { text: 'help' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    for (const usage of ['/intervision new [format]', '/intervision list', '/intervision help']) {
      expect(answer.text).toContain(usage);
      expect(JSON.stringify(answer.blocks)).toContain(usage);
    }
  });

  it('answers an unknown subcommand with the help, showing the word escaped, never as a mention', async () => {
    const bot = await start(new MemorySessionStore(), 'memory');
    const response = await postCommand(bot.port ?? 0, SECRET, { text: '<!channel>&co please' });
    const answer = (await response.json()) as { text: string };
    expect(answer.text).toContain("I didn't recognise `&lt;!channel&gt;&amp;co`");
    expect(answer.text).not.toContain('<!channel>');
    expect(answer.text).toContain('/intervision list');
  });

  it('refuses a request whose signature was forged', async () => {
    const bot = await start(new MemorySessionStore(), 'memory');
    const response = await postCommand(bot.port ?? 0, 'not-the-signing-secret-at-all', { text: 'help' });
    expect(response.status).toBe(401);
  });

  it('reports the memory store as healthy', async () => {
    const bot = await start(new MemorySessionStore(), 'memory');
    expect(await health(bot)).toEqual({ status: 200, body: { status: 'ok', store: 'memory' } });
  });

  it('reports 503 while Redis is away and 200 again once it is back, without restarting', async () => {
    const relay = await relayTo(testRedisUrl());
    relays.push(relay);
    const bot = await start(new RedisSessionStore(quickRedis(relay.url)), 'redis');
    expect(await health(bot)).toEqual({ status: 200, body: { status: 'ok', store: 'redis' } });

    await relay.down();
    await eventually(async () => (await health(bot)).status === 503);
    expect((await health(bot)).body).toEqual({ status: 'unavailable', store: 'redis' });

    await relay.up();
    await eventually(async () => (await health(bot)).status === 200);
  });

  it('tells the person to try again in a minute when the store is unavailable, and keeps running', async () => {
    const relay = await relayTo(testRedisUrl());
    relays.push(relay);
    const store = new RedisSessionStore(quickRedis(relay.url));
    let loaded = 0;
    const list: SubcommandHandler = async ({ ack }) => {
      await ack();
      await store.load('session-1');
      loaded += 1;
    };
    const bot = await start(store, 'redis', { list });
    await relay.down();

    const response = await postCommand(bot.port ?? 0, SECRET, { text: 'list', response_url: slack.responseUrl });
    expect(response.status).toBe(200);
    await eventually(async () => slack.calls.some((call) => call.path === '/respond/1'));
    const notice = JSON.parse(slack.calls.find((call) => call.path === '/respond/1')?.body ?? '{}') as Record<string, unknown>;
    expect(notice).toMatchObject({
      response_type: 'ephemeral',
      text: 'The intervision bot is temporarily unavailable. Please try again in a minute.',
    });
    const warning = logLines.find((line) => line.includes('the store is unavailable'));
    expect(warning).toContain('"request":"/intervision"');
    expect(warning).toContain('MaxRetriesPerRequestError');

    await relay.up();
    await eventually(async () => (await health(bot)).status === 200);
    await postCommand(bot.port ?? 0, SECRET, { text: 'list', response_url: slack.responseUrl });
    await eventually(async () => loaded === 1);
  });

  it('on stop, finishes the work in flight before resolving', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const slow: SubcommandHandler = async ({ ack }) => {
      await ack();
      await gate;
      finished = true;
    };
    const bot = await start(new MemorySessionStore(), 'memory', { new: slow });
    const response = await postCommand(bot.port ?? 0, SECRET, { text: 'new' });
    expect(response.status).toBe(200);
    expect(bot.inFlight.size).toBe(1);

    let stopped = false;
    const stopping = bot.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });

  it('never logs the tokens or the signing secret, even at debug level', async () => {
    const bot = await start(new MemorySessionStore(), 'memory');
    await postCommand(bot.port ?? 0, SECRET, { text: 'help' });
    const everything = logLines.join('');
    expect(everything.length).toBeGreaterThan(0);
    expect(everything).not.toContain(BOT_TOKEN.slice(5));
    expect(everything).not.toContain(SECRET);
  });
});

describe('checking the bot token at start', () => {
  it('refuses to start with a token Slack rejects, naming the setting but not its value', async () => {
    const slack = await startFakeSlack({ authError: 'invalid_auth' });
    try {
      const attempt = verifyBotToken(httpConfig(slack), logger);
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      await expect(attempt).rejects.toThrow(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).not.toContain(BOT_TOKEN.slice(5));
    } finally {
      await slack.close();
    }
  });
});

describe('starting in HTTP mode on a port that is taken', () => {
  it('refuses to start and says which PORT to change', async () => {
    const slack = await startFakeSlack();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const config = { ...httpConfig(slack), port: taken };
      const attempt = startBot(config, { logger, store: new MemorySessionStore(), storeKind: 'memory' });
      await expect(attempt).rejects.toThrow(new RegExp(`PORT ${taken} cannot be used \\(EADDRINUSE\\)`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await slack.close();
    }
  });
});

describe('starting in Socket Mode', () => {
  it('refuses to start when Slack rejects the app-level token, naming SLACK_APP_TOKEN but not its value', async () => {
    const slack = await startFakeSlack({ connectionsError: 'invalid_auth' });
    const appToken = 'xapp-1-A1-socket-mode-test-token';
    const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: appToken, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    try {
      const attempt = startBot(loaded.config, { logger, store: new MemorySessionStore(), storeKind: 'memory' });
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain('SLACK_APP_TOKEN was rejected by Slack (invalid_auth)');
      expect(message).not.toContain('socket-mode-test-token');
      expect(slack.calls.map((call) => call.path)).toEqual(['/api/auth.test', '/api/apps.connections.open']);
    } finally {
      await slack.close();
    }
  });
});
