/**
 * The real bot as an app any workspace installs (SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, TOKEN_ENCRYPTION_KEY), in HTTP
 * mode, on the two emulated workspaces of workspaces.ts and a private prefix
 * of the real test Redis. `install` walks the install flow as a browser does:
 * /slack/install, Slack's consent page, back to /slack/oauth_redirect with
 * the state cookie.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { formats } from '../../src/engine';
import { type RunningBot, startBot } from '../../src/bot';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import type { SessionService } from '../../src/service/session-service';
import { InstallationRecords } from '../../src/store/installations';
import { tokenKeysFor } from '../../src/store/installation-crypto';
import { RedisSealedRecords } from '../../src/store/redis/installations';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { FAST_RETRIES, TEST_HOME_TIMING, settleBot } from './bot';
import { capturedLogger } from './log';
import { type IsolatedRedis, isolatedRedis } from './redis';
import { APP, type TwoWorkspaces, startTwoWorkspaces } from './workspaces';

export const STATE_SECRET = 'emulated-state-secret-0123456789';

export interface DistributedBot {
  slack: TwoWorkspaces;
  redis: IsolatedRedis;
  store: RedisSessionStore;
  timers: RedisTimerStore;
  /** The installations as the bot keeps them (encrypted under `redis.prefix`). */
  installations: InstallationRecords;
  running: RunningBot;
  services: SessionService;
  /** Where the bot listens, e.g. http://127.0.0.1:41234. */
  url: string;
  logLines: string[];
  /** Waits until the bot's request work and effects are done and no outbox is waiting. */
  settle(): Promise<void>;
  /** A person installs the bot in `team` through the browser flow; the last page's status and text. */
  install(team: string, user: string, options?: { cookie?: boolean }): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

/** GET without following redirects. */
async function visit(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });
}

/** Starts two workspaces and the bot for them, installed in neither yet. */
export async function startDistributedBot(name: string, app: { tokenExpiresIn?: number; orgWideB?: string } = {}): Promise<DistributedBot> {
  const slack = await startTwoWorkspaces({ ...(app.tokenExpiresIn ? { tokenExpiresIn: app.tokenExpiresIn } : {}) }, app.orgWideB ? { orgWideB: app.orgWideB } : {});
  const redis = isolatedRedis(name);
  const connection: Redis = redis.connect();
  const store = new RedisSessionStore(connection, { prefix: redis.prefix });
  const timers = new RedisTimerStore(connection, { prefix: redis.prefix });
  const { logger, lines: logLines } = capturedLogger('debug');
  const loaded = loadConfig({
    SLACK_CLIENT_ID: APP.clientId,
    SLACK_CLIENT_SECRET: APP.clientSecret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: APP.signingSecret,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLACK_API_URL: slack.cloud.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'debug',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const keys = tokenKeysFor(loaded.config.encryption);
  if (!keys) throw new Error('no token key');
  const installations = new InstallationRecords(new RedisSealedRecords(connection, { prefix: redis.prefix }), keys);
  const running = await startBot(loaded.config, {
    logger,
    store,
    storeKind: 'redis',
    retryConfig: FAST_RETRIES,
    host: '127.0.0.1',
    installations: { work: installations, requests: installations },
    sessions: {
      store,
      timers,
      registry: formats,
      clock: new ManualClock(),
      idleDays: loaded.config.sessions.idleDays,
      maxDays: loaded.config.sessions.maxDays,
      reminderLeadHours: loaded.config.reminderLeadHours,
      privateRooms: loaded.config.privateRooms,
      defaultLanguage: loaded.config.defaultLanguage,
      scheduler: { intervalMs: 20 },
      // App Homes follow their sessions within a fraction of a second, so tests wait little.
      homeTiming: TEST_HOME_TIMING,
      sweepIntervalMs: 60 * 60 * 1000,
    },
  });
  const services = running.services;
  if (!services) throw new Error('the bot started without its session services');
  const url = `http://127.0.0.1:${running.port ?? 0}`;
  slack.cloud.oauth.options.redirectUrls?.push(`${url}/slack/oauth_redirect`);
  slack.cloud.connect(`${url}/slack/events`);

  return {
    slack,
    redis,
    store,
    timers,
    installations,
    running,
    services,
    url,
    logLines,
    settle: () => settleBot(running, store),
    async install(team, user, options = {}) {
      slack.cloud.signIn(team, user);
      const start = await visit(`${url}/slack/install`);
      const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
      const consent = await visit(start.headers.get('location') ?? '');
      const back = await visit(consent.headers.get('location') ?? '', options.cookie === false ? undefined : cookie);
      return { status: back.status, text: await back.text() };
    },
    async stop() {
      await running.stop();
      await store.close();
      await redis.cleanup();
      await slack.stop();
    },
  };
}
