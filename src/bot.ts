/**
 * The composition root: from the configuration, the stores and timers
 * (Redis, or memory for a single instance), the session service with Slack's
 * ports plugged in, the Bolt app with its listeners, and the transport. The
 * one place that knows every part; each part knows only those below it.
 */
import type { App } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock';
import type { Config, PrivateRooms } from './config';
import type { Language } from './engine/session';
import { formats, type FormatRegistry } from './engine/formats';
import { noMetrics, type Metrics } from './metrics/metrics';
import { prometheusMetrics } from './metrics/prometheus';
import { closeConnection, connectRedis } from './redis/connect';
import { MemoryTimerStore } from './scheduler/memory-timer-store';
import { RedisTimerStore } from './scheduler/redis-timer-store';
import type { SchedulerOptions } from './scheduler/scheduler';
import type { TimerStore } from './scheduler/timer-store';
import type { LivenessTiming } from './service/liveness';
import { SessionService } from './service/session-service';
import type { GroupService } from './service/groups/group-service';
import type { Workspaces } from './service/workspace';
import { groupCodecFor, type GroupStore } from './store/group-store';
import { MemoryGroupStore } from './store/memory-groups';
import { RedisGroupStore } from './store/redis/redis-group-store';
import { groupParts, recordingMeetings } from './bot-groups';
import { InFlight } from './shutdown';
import { createApp, registerListeners } from './slack/app';
import type { HealthProbe, StoreKind } from './slack/http';
import { StartupError, verifyBotToken, verifyClientCredentials, type BotIdentity } from './slack/identity';
import type { CommandDeps } from './slack/listeners/commands';
import type { ListenerDeps } from './slack/listeners/support/deps';
import { workspaceDirectory } from './slack/listeners/support/users';
import { perRequest } from './slack/install/request-workspace';
import { registerUninstall } from './slack/install/uninstall';
import { type InstallationStores, type Installed, installedParts } from './slack/install/wiring';
import { type WorkspaceAccess, oneWorkspace } from './slack/install/workspace-access';
import { slackPorts } from './slack/outbound';
import { HomeTabs } from './slack/outbound/homes';
import type { RefreshTiming } from './slack/outbound/refresh-queue';
import { openTransport } from './slack/transport';
import { sessionCodecFor } from './store/crypto-codec';
import { tokenKeysFor } from './store/installation-crypto';
import { InstallationRecords, MemorySealedRecords } from './store/installations';
import { RedisSealedRecords } from './store/redis/installations';
import type { InstanceRegistry } from './store/instances';
import { MemorySessionStore } from './store/memory';
import { RedisInstanceRegistry } from './store/redis/instances';
import { RedisSessionStore } from './store/redis/redis-session-store';
import type { SessionStore } from './store/session-store';


export { StartupError, verifyBotToken, type BotIdentity } from './slack/identity';

const DAY_SECONDS = 24 * 60 * 60;

/** What the bot reports about itself: Prometheus metrics of its own when METRICS=on, else nothing. */
export function metricsFor(config: Pick<Config, 'metrics'>): Metrics {
  return config.metrics ? prometheusMetrics() : noMetrics;
}

/** What running sessions needs besides the app: where they are kept, their timers, formats and time. */
export interface SessionWiring {
  /** Sessions, for the work in the background: waits for an absent store, and is retried. */
  store: SessionStore;
  /** The same sessions for what people wait on: fails at once while the store is away (`store` when absent). */
  requestStore?: SessionStore;
  /** Which instances are alive, so a dead one's work is taken over at once (Redis; absent for one instance in memory). */
  instances?: InstanceRegistry;
  /** The heartbeat's timing (tests shorten it). */
  liveness?: Partial<LivenessTiming>;
  timers: TimerStore;
  /** Intervision groups (in memory when absent), and the same groups for what people wait on. */
  groups?: GroupStore;
  groupRequests?: GroupStore;
  registry: FormatRegistry;
  clock: Clock;
  /** A session with no activity for this many days is closed and deleted. */
  idleDays: number;
  /** No session lives longer than this many days. */
  maxDays: number;
  /** Hours before an asynchronous deadline when the last reminder goes out. */
  reminderLeadHours: number;
  /** Whether sessions may (or must) be held in a private channel of their own; default offered. */
  privateRooms?: PrivateRooms;
  /** The language for a person whose Slack locale the bot does not speak (DEFAULT_LANGUAGE); English when absent. */
  defaultLanguage?: Language;
  scheduler?: SchedulerOptions;
  /** How often to look for work a crash left behind (ms). */
  sweepIntervalMs?: number;
  /** chat.update calls per minute and at once (from SLACK_UPDATES_PER_MINUTE); unpaced when absent. */
  updateBudget?: { perMinute: number; burst: number; onWaited?: (seconds: number) => void };
  /** How soon after a change, and how often at most, a person's App Home is published again (tests shorten it). */
  homeTiming?: Partial<RefreshTiming>;
}

export interface OpenedStores {
  /** The stores with the formats, the clock and the session limits of `config`, for startBot. */
  wiring: SessionWiring;
  /** The workspaces' installations (encrypted), when workspaces install the bot themselves. */
  installations?: InstallationStores;
  kind: StoreKind;
  /** Ends the Redis connection (without hanging on a Redis that is away), or the memory store's sweeps. */
  close: () => Promise<void>;
}

/**
 * The session store and the timers: both on Redis when `config.redis` is
 * set (one server, a Cluster or Sentinel's primary; keys under `prefix`), else in memory. On Redis, two connections: one
 * for the work in the background (effects, timers, the sweep, the heartbeat),
 * which waits through a reconnect, and one for what people wait on, which
 * fails at once while Redis is away (see redis/connect.ts). With an
 * encryption key in `config.encryption`, what people write is encrypted at rest.
 */
export function openStores(config: Config, logger: Logger, options: { prefix?: string; metrics?: Metrics } = {}): OpenedStores {
  const ttlSeconds = config.sessions.ttlDays * DAY_SECONDS;
  const codec = sessionCodecFor(config.encryption);
  const groupCodec = groupCodecFor(config.encryption);
  const wire = (store: SessionStore, timers: TimerStore, groups: GroupStore): SessionWiring => ({
    store,
    timers,
    groups,
    registry: formats,
    clock: systemClock,
    idleDays: config.sessions.idleDays,
    maxDays: config.sessions.maxDays,
    reminderLeadHours: config.reminderLeadHours,
    privateRooms: config.privateRooms,
    defaultLanguage: config.defaultLanguage,
    ...(config.updatesPerMinute > 0 ? { updateBudget: { perMinute: config.updatesPerMinute, burst: Math.max(1, Math.ceil(config.updatesPerMinute / 5)) } } : {}),
  });
  const keys = tokenKeysFor(config.encryption);
  if (config.slack.oauth && !keys) throw new StartupError('Installations must be stored encrypted: set TOKEN_ENCRYPTION_KEY or CONTENT_ENCRYPTION_KEY.');
  const installs = keys && config.slack.oauth ? keys : undefined;
  if (!config.redis) {
    const store = new MemorySessionStore({ ttlSeconds, codec });
    const memory = installs ? new InstallationRecords(new MemorySealedRecords(), installs) : undefined;
    return { wiring: wire(store, new MemoryTimerStore(), new MemoryGroupStore(groupCodec)), ...(memory ? { installations: { work: memory, requests: memory } } : {}), kind: 'memory', close: () => store.close() };
  }
  const { prefix } = options;
  const metrics = options.metrics ?? noMetrics;
  const events = (role: string, event: 'error' | 'reconnect'): void => metrics.redisEvent(role, event);
  const redis = connectRedis(config.redis, logger, 'work', events);
  const requests = connectRedis(config.redis, logger, 'requests', events);
  const waitReplicas = config.redis.kind === 'cluster' ? 0 : (config.redis.waitReplicas ?? 0);
  const wiring = wire(new RedisSessionStore(redis, { ttlSeconds, prefix, codec, waitReplicas }), new RedisTimerStore(redis, { prefix }), new RedisGroupStore(redis, { prefix, codec: groupCodec }));
  const records = (connection: typeof redis, tokenKeys: NonNullable<typeof installs>) => new InstallationRecords(new RedisSealedRecords(connection, { prefix }), tokenKeys);
  return {
    wiring: { ...wiring, requestStore: new RedisSessionStore(requests, { ttlSeconds, prefix, codec, waitReplicas }), instances: new RedisInstanceRegistry(redis, { prefix }), groupRequests: new RedisGroupStore(requests, { prefix, codec: groupCodec }) },
    ...(installs ? { installations: { work: records(redis, installs), requests: records(requests, installs) } } : {}),
    kind: 'redis',
    close: async () => {
      await Promise.all([closeConnection(redis), closeConnection(requests)]);
    },
  };
}

export interface StartDeps extends CommandDeps {
  logger: Logger;
  /** The session store, or anything that says whether it answers. */
  store: HealthProbe;
  storeKind: StoreKind;
  /** Sessions: without them the bot answers only help (the foundation's tests run it so). */
  sessions?: SessionWiring;
  /** Who the bot is; asked of Slack (auth.test) when absent. */
  identity?: BotIdentity;
  /** How the Web API client retries; Slack's default policy when absent (tests make it fast). */
  retryConfig?: RetryOptions;
  /** HTTP mode: listen on this address only (the playground keeps the bot on 127.0.0.1); every interface when absent. */
  host?: string;
  /** The workspaces' installations (openStores), when workspaces install the bot themselves (SLACK_CLIENT_ID). */
  installations?: InstallationStores;
  /** What the bot reports (GET /metrics); from the configuration (metricsFor) when absent. */
  metrics?: Metrics;
}

export interface RunningBot {
  app: App;
  /** The session service (undefined when the bot runs without sessions). */
  services: SessionService | undefined;
  /** The group service (undefined when the bot runs without sessions). */
  groups: GroupService | undefined;
  /** Where /healthz answers (and, in HTTP mode, /slack/events); undefined if Socket Mode could not open it. */
  port: number | undefined;
  inFlight: InFlight;
  /** Stops taking requests and waits for the work in flight. */
  stop(): Promise<void>;
}

/** Who the listeners serve: the one workspace's bot and people, or (many workspaces) the request's. */
function listenerWorkspace(app: App, wiring: SessionWiring, identity: BotIdentity | undefined): Pick<ListenerDeps, 'users' | 'botUserId'> {
  const paced = wiring.updateBudget !== undefined;
  if (!identity) {
    const request = perRequest(app.client, paced);
    return {
      get users() {
        return request.users();
      },
      get botUserId() {
        return request.botUserId();
      },
    };
  }
  return { users: workspaceDirectory(app.client, identity.botUserId, paced), botUserId: identity.botUserId };
}

/** The session service on Slack's ports (each session's workspace through `access`), and what its listeners need. */
function sessionParts(app: App, deps: StartDeps, wiring: SessionWiring, access: WorkspaceAccess, identity: BotIdentity | undefined, inFlight: InFlight): { service: SessionService; groups: GroupService; listeners: ListenerDeps; homes: HomeTabs } {
  const { logger } = deps;
  const homes = new HomeTabs({ store: wiring.store, access, registry: wiring.registry, clock: wiring.clock, logger, inFlight, ...(wiring.homeTiming ? { timing: wiring.homeTiming } : {}) });
  const ports = slackPorts({ ...wiring, access, logger, homes });
  const late: { groups?: GroupService } = {};
  const eraser = recordingMeetings(ports.eraser, () => late.groups);
  const workspaces: Workspaces = identity ? 'one' : 'many';
  const service = new SessionService({ ...wiring, ...ports, eraser, logger, inFlight, workspaces, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
  const groups = groupParts(deps, wiring, access, service, workspaces, inFlight);
  late.groups = groups;
  const who = listenerWorkspace(app, wiring, identity);
  const listeners: ListenerDeps = {
    services: service,
    groups,
    formats: wiring.registry,
    clock: wiring.clock,
    limits: { idleDays: wiring.idleDays, maxDays: wiring.maxDays },
    logger,
    get users() {
      return who.users;
    },
    get botUserId() {
      return who.botUserId;
    },
    reminderLeadHours: wiring.reminderLeadHours,
    privateRooms: wiring.privateRooms ?? 'offered',
    defaultLanguage: wiring.defaultLanguage ?? 'en',
    homes,
  };
  return { service, groups, listeners, homes };
}

/** Letting any workspace install the bot: its installations (from openStores) and each workspace's access. */
function installed(config: Config, deps: StartDeps): Installed | undefined {
  if (!config.slack.oauth) return undefined;
  if (!deps.installations) throw new StartupError('Letting workspaces install the bot needs a store for their installations.');
  const updates = deps.sessions?.updateBudget;
  return installedParts(config, deps.installations, deps.logger, { ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}), updates, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
}

/** `given` with the metrics of `config` (unless given), the chat.update budget reporting its waits to them, and the store's census read when scraped. */
function metered(config: Config, given: StartDeps): StartDeps & { metrics: Metrics } {
  const metrics = given.metrics ?? metricsFor(config);
  const sessions = given.sessions;
  if (!sessions) return { ...given, metrics };
  metrics.readCensusWith(() => sessions.store.census());
  const budget = sessions.updateBudget;
  const onWaited = (seconds: number): void => metrics.rateLimitWait('budget', seconds);
  return { ...given, metrics, sessions: { ...sessions, ...(budget ? { updateBudget: { ...budget, onWaited } } : {}) } };
}

/** Checks the token (one workspace), builds everything and starts it (use port 0 in tests for a free port). */
export async function startBot(config: Config, given: StartDeps): Promise<RunningBot> {
  const deps = metered(config, given);
  const install = installed(config, deps);
  if (install) await verifyClientCredentials(config, deps.logger);
  const identity = install ? undefined : (deps.identity ?? (await verifyBotToken(config, deps.logger)));
  const inFlight = new InFlight();
  const app = createApp(config, { ...deps, identity, inFlight, ...(install ? { installationStore: install.installationStore } : {}) });
  const access = install?.access ?? (identity ? oneWorkspace(app.client, identity.botUserId, deps.sessions?.updateBudget) : undefined);
  const parts = deps.sessions && access ? sessionParts(app, deps, deps.sessions, access, identity, inFlight) : undefined;
  registerListeners(app, parts?.listeners, deps);
  if (install) {
    const forgetSessions = async (team: string): Promise<number> => {
      if (!parts) return 0;
      await parts.groups.forgetWorkspace(team);
      return parts.service.forgetWorkspace(team);
    };
    registerUninstall(app, { forgetSessions, installationStore: install.installationStore, access: install.access, logger: deps.logger });
  }
  const transport = await openTransport(app, config, deps);
  // Timers and the recovery sweep start once requests can be answered.
  parts?.service.start();
  const workspaces = install ? 'any that install it' : identity?.teamId;
  deps.logger.info({ mode: config.mode, port: transport.port, store: deps.storeKind, botUserId: identity?.botUserId, workspaces }, 'the intervision bot is running');
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await app.stop();
      parts?.homes.stop();
      await parts?.service.stop();
      await inFlight.idle();
      // Beating until here: the leases of the work that just finished stayed this instance's.
      await parts?.service.leave();
      await transport.closeHealth();
    })();
    return stopped;
  };
  return { app, services: parts?.service, groups: parts?.groups, port: transport.port, inFlight, stop };
}
