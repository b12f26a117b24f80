import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config';
import type { SlackDriver } from '../../dev/emulator';
import { StartupError, startBot, verifyBotToken, type RunningBot } from '../../src/bot';
import type { SubcommandHandler } from '../../src/slack/listeners/commands';
import { MemorySessionStore } from '../../src/store/memory';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { SessionStore } from '../../src/store/session-store';
import { capturedLogger } from '../support/log';
import { testRedisUrl } from '../support/redis';
import { DEMO, startSlackBench, type SlackBench } from '../support/slack';
import { relayTo, type RedisOutage } from './redis-proxy';

const SECRET = 'abcdef0123456789abcdef0123456789';
const BOT_TOKEN = 'xoxb-1-2-foundation-test-token';

/** Slack for these tests: the emulator, knowing the bot by this token and signing secret. */
const startSlack = () => startSlackBench({ botToken: BOT_TOKEN, signingSecret: SECRET });

function httpConfig(slack: SlackBench): Config {
  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

/** The bot's log lines, kept to check what it said (and did not say). */
const { logger, lines: logLines } = capturedLogger('debug');

/** Alice types `/intervision <text>` in #intervision; the app's answer. */
function intervision(driver: SlackDriver, text: string) {
  return driver.command({ user: DEMO.users.alice, channel: DEMO.channel, command: '/intervision', text });
}

/** What Alice alone sees in #intervision (the answers only she may see). */
const onlyAliceSees = (slack: SlackBench) => slack.emulator.ephemerals(DEMO.users.alice, DEMO.channel);

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
  let slack: SlackBench;
  const running: RunningBot[] = [];
  const stores: SessionStore[] = [];
  const relays: RedisOutage[] = [];

  /** Starts the bot and connects Slack's driver to it. */
  async function start(store: SessionStore, storeKind: 'redis' | 'memory', subcommands?: Partial<Record<'new' | 'list', SubcommandHandler>>): Promise<{ bot: RunningBot; driver: SlackDriver }> {
    stores.push(store);
    const bot = await startBot(httpConfig(slack), { logger, store, storeKind, ...(subcommands ? { subcommands } : {}) });
    running.push(bot);
    return { bot, driver: slack.driver(`http://127.0.0.1:${bot.port ?? 0}/slack/events`) };
  }

  beforeEach(async () => {
    slack = await startSlack();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
    await slack.stop();
  });

  it('checks the bot token with auth.test once, at start', async () => {
    await start(new MemorySessionStore(), 'memory');
    expect(slack.emulator.calls('auth.test')).toHaveLength(1);
  });

  it('answers /intervision help with the usage, shown only to the person who asked', async () => {
    const { driver } = await start(new MemorySessionStore(), 'memory');
    const response = await intervision(driver, 'help');
    expect(response.status).toBe(200);
    const answer = response.body as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    for (const usage of ['/intervision new [format]', '/intervision list', '/intervision help']) {
      expect(answer.text).toContain(usage);
      expect(JSON.stringify(answer.blocks)).toContain(usage);
    }
  });

  it('answers an unknown subcommand with the help, showing the word escaped, never as a mention', async () => {
    const { driver } = await start(new MemorySessionStore(), 'memory');
    const response = await intervision(driver, '<!channel>&co please');
    const answer = response.body as { text: string };
    expect(answer.text).toContain("I didn't recognise `&lt;!channel&gt;&amp;co`");
    expect(answer.text).not.toContain('<!channel>');
    expect(answer.text).toContain('/intervision list');
  });

  it('refuses a request whose signature was forged', async () => {
    const { driver } = await start(new MemorySessionStore(), 'memory');
    const response = await intervision(driver.forged('bad-signature'), 'help');
    expect(response.status).toBe(401);
  });

  it('reports the memory store as healthy', async () => {
    const { bot } = await start(new MemorySessionStore(), 'memory');
    expect(await health(bot)).toEqual({ status: 200, body: { status: 'ok', store: 'memory' } });
  });

  it('reports 503 while Redis is away and 200 again once it is back, without restarting', async () => {
    const relay = await relayTo(testRedisUrl());
    relays.push(relay);
    const { bot } = await start(new RedisSessionStore(quickRedis(relay.url)), 'redis');
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
    const { bot, driver } = await start(store, 'redis', { list });
    await relay.down();

    const response = await intervision(driver, 'list');
    expect(response.status).toBe(200);
    // Through the command's response_url, as a message only Alice sees.
    const notice = await slack.emulator.waitFor(() => onlyAliceSees(slack)[0], 5000);
    expect(notice).toMatchObject({
      text: 'The intervision bot is temporarily unavailable. Please try again in a minute.',
    });
    expect(slack.emulator.channelMessages(DEMO.channel)).toEqual([]);
    const warning = logLines.find((line) => line.includes('the store is unavailable'));
    expect(warning).toContain('"request":"/intervision"');
    expect(warning).toContain('MaxRetriesPerRequestError');

    await relay.up();
    await eventually(async () => (await health(bot)).status === 200);
    await intervision(driver, 'list');
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
    const { bot, driver } = await start(new MemorySessionStore(), 'memory', { new: slow });
    const response = await intervision(driver, 'new');
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
    const { driver } = await start(new MemorySessionStore(), 'memory');
    await intervision(driver, 'help');
    const everything = logLines.join('');
    expect(everything.length).toBeGreaterThan(0);
    expect(everything).not.toContain(BOT_TOKEN.slice(5));
    expect(everything).not.toContain(SECRET);
  });
});

describe('checking the bot token at start', () => {
  it('refuses to start with a token Slack rejects, naming the setting but not its value', async () => {
    // Slack knows the bot by another token.
    const slack = await startSlackBench();
    try {
      const attempt = verifyBotToken(httpConfig(slack), logger);
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      await expect(attempt).rejects.toThrow(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).not.toContain(BOT_TOKEN.slice(5));
    } finally {
      await slack.stop();
    }
  });
});

describe('starting in HTTP mode on a port that is taken', () => {
  it('refuses to start and says which PORT to change', async () => {
    const slack = await startSlack();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const config = { ...httpConfig(slack), port: taken };
      const attempt = startBot(config, { logger, store: new MemorySessionStore(), storeKind: 'memory' });
      await expect(attempt).rejects.toThrow(new RegExp(`PORT ${taken} cannot be used \\(EADDRINUSE\\)`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await slack.stop();
    }
  });
});

describe('starting in Socket Mode', () => {
  it('opens its connection with the app-level token, answers over it, and keeps Slack\'s retry policy for its listeners', async () => {
    const slack = await startSlack();
    const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const bot = await startBot(loaded.config, { logger, store: new MemorySessionStore(), storeKind: 'memory' });
    try {
      expect(slack.emulator.calls().map((call) => call.method)).toEqual(['auth.test', 'apps.connections.open']);
      expect(slack.emulator.socketMode.connections).toBe(1);
      const response = await intervision(slack.socketDriver(), 'help');
      expect(response).toMatchObject({ status: 200, body: { response_type: 'ephemeral' } });
      // @slack/socket-mode sets 100 retries on the options it gets; the clients Bolt makes for listeners use the app's (Slack's default).
      expect(bot.app.webClientOptions.retryConfig).toBeUndefined();
    } finally {
      await bot.stop();
      await slack.stop();
    }
  });


  it('refuses to start when Slack rejects the app-level token, naming SLACK_APP_TOKEN but not its value', async () => {
    // Slack does not know this app-level token.
    const slack = await startSlack();
    const appToken = 'xapp-1-A1-socket-mode-test-token';
    const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: appToken, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    try {
      const attempt = startBot(loaded.config, { logger, store: new MemorySessionStore(), storeKind: 'memory' });
      await expect(attempt).rejects.toBeInstanceOf(StartupError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain('SLACK_APP_TOKEN was rejected by Slack (invalid_auth)');
      expect(message).not.toContain('socket-mode-test-token');
      expect(slack.emulator.calls().map((call) => call.method)).toEqual(['auth.test', 'apps.connections.open']);
    } finally {
      await slack.stop();
    }
  });
});
