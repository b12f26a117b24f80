/**
 * The real bot on the Slack test bench: an emulated workspace, the bot's own
 * Bolt app in HTTP mode (signed requests, its WebClient pointed at the
 * emulator) or in Socket Mode (SLACK_APP_TOKEN set: it connects to the
 * emulator's Socket Mode), sessions on a private prefix of the real test
 * Redis, and a hand-moved clock for the engine and its timers, so tests move
 * time without sleeping.
 */
import type { RedisClient } from '../../src/redis/connect';
import { ManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { formats } from '../../src/engine';
import type { Person, SeenItem, SlackDriver, SlackEmulator } from '../../dev/emulator';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import { RedisInstanceRegistry } from '../../src/store/redis/instances';
import type { SessionService } from '../../src/service/session-service';
import { type RunningBot, startBot } from '../../src/bot';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { RedisGroupStore } from '../../src/store/redis/redis-group-store';
import type { GroupService } from '../../src/service/groups/group-service';
import type { SessionCodec } from '../../src/store/session-store';
import { capturedLogger } from './log';
import { type IsolatedRedis, isolatedRedisOf, type RedisKind } from './redis';
import { DEMO, type SlackBench, startSlackBench } from './slack';

/** The demo team plus the people a full session needs, and a bot user nobody may invite. */
export const PEOPLE = {
  ...DEMO.users,
  frank: 'U0FRANK',
  grace: 'U0GRACE',
  /** Slack in German (de-DE): the bot speaks German to her, and her sessions are German unless she chooses. */
  hanna: 'U0HANNA',
  /** Slack in Dutch (nl-NL). */
  noor: 'U0NOOR',
  /** Another app's bot user, in the channel like a person. */
  helper: 'U0HELPER',
} as const;

/** Where the sessions of these tests run. */
export const CHANNEL = DEMO.channel;

/** Adds frank, grace, hanna (Slack in German), noor (Slack in Dutch) and the helper bot to the bench's workspace and #intervision. */
export function seedPeople(bench: SlackBench): void {
  const { emulator } = bench;
  emulator.addUser({ id: PEOPLE.frank, name: 'frank', real_name: 'Frank Fischer', tz: 'Europe/London' });
  emulator.addUser({ id: PEOPLE.grace, name: 'grace', real_name: 'Grace Gupta', tz: 'Asia/Kolkata' });
  emulator.addUser({ id: PEOPLE.hanna, name: 'hanna', real_name: 'Hanna Hoffmann', tz: 'Europe/Berlin', locale: 'de-DE' });
  emulator.addUser({ id: PEOPLE.noor, name: 'noor', real_name: 'Noor de Jong', tz: 'Europe/Amsterdam', locale: 'nl-NL' });
  emulator.addUser({ id: PEOPLE.helper, name: 'helper', real_name: 'Helper Bot', is_bot: true });
  for (const id of [PEOPLE.frank, PEOPLE.grace, PEOPLE.hanna, PEOPLE.noor, PEOPLE.helper]) emulator.ws.join(CHANNEL, id);
}

/** How soon, and how often at most, the test bots publish an App Home again after a change (production: 1 s, 10 s). */
export const TEST_HOME_TIMING = { delayMs: 50, minGapMs: 400 };

/** Retries fast in tests; Slack's default policy would wait minutes. */
export const FAST_RETRIES = { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 20 };

export interface TestBotOptions {
  /** The test file's name, for its Redis prefix (use __filename). */
  name: string;
  /** A bench to reuse (a restart keeps the workspace); a new one otherwise. */
  bench?: SlackBench;
  /** A Redis prefix to reuse (a restart keeps the sessions); a new one otherwise. */
  redis?: IsolatedRedis<RedisClient>;
  /** Where a new prefix is made: the test Redis (the default) or the test Redis Cluster. */
  on?: RedisKind;
  clock?: ManualClock;
  /** How often the recovery sweep runs (default: only at start). */
  sweepIntervalMs?: number;
  /** How sessions are stored (e.g. encrypted, as with CONTENT_ENCRYPTION_KEY); plain JSON when absent. */
  codec?: SessionCodec;
  /** How Slack reaches the bot: signed requests (HTTP mode, the default) or Socket Mode (SLACK_APP_TOKEN, no signing secret). */
  transport?: 'http' | 'socket';
  /** More settings, as the environment would give them (e.g. DEFAULT_LANGUAGE). */
  env?: Record<string, string>;
  /** METRICS=on: GET /metrics beside /healthz. */
  metrics?: boolean;
}

export interface TestBot {
  bench: SlackBench;
  emulator: SlackEmulator;
  redis: IsolatedRedis<RedisClient>;
  store: RedisSessionStore;
  timers: RedisTimerStore;
  /** Where the bot keeps groups. */
  groups: RedisGroupStore;
  /** The group service. */
  groupService: GroupService;
  clock: ManualClock;
  /** Days of inactivity before a session is closed (the configuration's). */
  idleDays: number;
  running: RunningBot;
  services: SessionService;
  /** Slack's side of the bot's request URL (or its Socket Mode connection), for clicks a person could no longer make (stale buttons). */
  driver: SlackDriver;
  /** Everything the bot logged, one JSON line each. */
  logLines: string[];
  /** Waits until the bot's request work and effects are done and no outbox is waiting. */
  settle(): Promise<void>;
  /** A person in the workspace, acting through this bot's request URL. */
  person(id: string): Person;
  /** The newest session card in #intervision (the bot's newest top-level message there). */
  card(): SeenItem | undefined;
  /** The card's thread as `viewer` sees it (their ephemerals included), or as it stands (no ephemerals). */
  thread(viewer?: string): SeenItem[];
  /** The id of the newest session in #intervision (from the store). */
  sessionId(): Promise<string>;
  /** The most bot messages the newest card's thread held at once. */
  peakThreadMessages(): number;
  /** Stops the bot; keeps the bench and the Redis prefix when asked (for a restart). */
  stop(options?: { keepBench?: boolean; keepRedis?: boolean }): Promise<void>;
}

/** Waits until the bot has no work in flight and no session has effects waiting (15 s at most). */
export async function settleBot(running: Pick<RunningBot, 'inFlight'>, store: Pick<RedisSessionStore, 'pendingSessions'>): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    await running.inFlight.idle();
    const pending = await store.pendingSessions();
    if (pending.length === 0 && running.inFlight.size === 0) return;
    if (Date.now() > until) throw new Error(`the bot did not settle: outboxes pending for ${pending.join(', ')}`);
    await sleep(5);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the real bot on a bench. */
export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const bench = options.bench ?? (await startSlackBench());
  if (!options.bench) seedPeople(bench);
  const redis = options.redis ?? isolatedRedisOf(options.on ?? 'single', options.name);
  const clock = options.clock ?? new ManualClock();
  const connection: RedisClient = redis.connect();
  const store = new RedisSessionStore(connection, { prefix: redis.prefix, ...(options.codec ? { codec: options.codec } : {}) });
  const timers = new RedisTimerStore(connection, { prefix: redis.prefix });
  const groups = new RedisGroupStore(connection, { prefix: redis.prefix });
  const { logger, lines: logLines } = capturedLogger('debug');
  const socket = options.transport === 'socket';
  const slackSettings = socket ? { SLACK_APP_TOKEN: bench.appToken } : { SLACK_SIGNING_SECRET: bench.signingSecret };
  const loaded = loadConfig({ SLACK_BOT_TOKEN: bench.botToken, ...slackSettings, SLACK_API_URL: bench.apiUrl, PORT: '0', LOG_LEVEL: 'debug', ...(options.metrics ? { METRICS: 'on' } : {}), ...options.env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const running = await startBot(loaded.config, {
    logger,
    store,
    storeKind: 'redis',
    retryConfig: FAST_RETRIES,
    sessions: {
      store,
      timers,
      groups,
      // Bots on one prefix see each other, as instances on one Redis do.
      instances: new RedisInstanceRegistry(connection, { prefix: redis.prefix }),
      registry: formats,
      clock,
      idleDays: loaded.config.sessions.idleDays,
      maxDays: loaded.config.sessions.maxDays,
      reminderLeadHours: loaded.config.reminderLeadHours,
      privateRooms: loaded.config.privateRooms,
      defaultLanguage: loaded.config.defaultLanguage,
      scheduler: { intervalMs: 20 },
      // App Homes follow their sessions within a fraction of a second, so tests wait little.
      homeTiming: TEST_HOME_TIMING,
      sweepIntervalMs: options.sweepIntervalMs ?? 60 * 60 * 1000,
    },
  });
  const services = running.services;
  const groupService = running.groups;
  if (!services || !groupService) throw new Error('the bot started without its session services');
  const driver = socket ? bench.socketDriver() : bench.driver(`http://127.0.0.1:${running.port ?? 0}/slack/events`);
  const { emulator } = bench;

  const card = (): SeenItem | undefined => {
    const mine = emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot && (m.thread_ts === undefined || m.thread_ts === m.ts));
    const last = mine[mine.length - 1];
    if (!last) return undefined;
    return emulator.person(DEMO.users.alice).seen({ channel: CHANNEL, ts: String(last.ts) })[0];
  };
  const botReplies = (): number => {
    const ts = card()?.ts;
    return ts ? emulator.thread(CHANNEL, ts).filter((m) => m.user === DEMO.bot && m.ts !== ts).length : 0;
  };
  let peak = 0;
  const track = (): void => {
    peak = Math.max(peak, botReplies());
  };
  emulator.on('change', track);

  const bot: TestBot = {
    bench,
    emulator,
    redis,
    store,
    timers,
    groups,
    groupService,
    clock,
    idleDays: loaded.config.sessions.idleDays,
    running,
    services,
    driver,
    logLines,
    settle: () => settleBot(running, store),
    person: (id) => emulator.person(id),
    card,
    thread(viewer) {
      const ts = card()?.ts;
      if (!ts) return [];
      return emulator.person(viewer ?? DEMO.users.alice).thread(CHANNEL, ts).filter((item) => viewer !== undefined || item.kind === 'message');
    },
    async sessionId() {
      const ids = await store.listByChannel(CHANNEL);
      const last = ids[ids.length - 1];
      if (!last) throw new Error('no session in #intervision');
      return last;
    },
    peakThreadMessages: () => peak,
    async stop(stopOptions = {}) {
      emulator.off('change', track);
      await running.stop();
      await store.close();
      if (!stopOptions.keepRedis) await redis.cleanup();
      if (!stopOptions.keepBench) await bench.stop();
    },
  };
  return bot;
}
