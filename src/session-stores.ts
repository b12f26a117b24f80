/**
 * Where sessions and their timers are kept, for a process that runs the bot:
 * the bot's own (src/index.ts) and the playground's (src/playground/bot.ts)
 * open them the same way.
 */
import type { Logger } from 'pino';
import { systemClock } from './clock';
import type { Config } from './config';
import { formats } from './engine';
import { MemoryTimerStore } from './scheduler/memory-timer-store';
import { RedisTimerStore } from './scheduler/redis-timer-store';
import type { SessionWiring } from './slack/session-wiring';
import type { StoreKind } from './slack/http';
import { sessionCodecFor } from './store/crypto-codec';
import { MemorySessionStore } from './store/memory';
import { closeConnection, connectRedis } from './redis/connect';
import { RedisSessionStore } from './store/redis/redis-session-store';

const DAY_SECONDS = 24 * 60 * 60;

export interface OpenedSessionStores {
  /** The stores with the formats, the clock and the session limits of `config`, for startBot. */
  wiring: SessionWiring;
  kind: StoreKind;
  /** Ends the Redis connection (without hanging on a Redis that is away), or the memory store's sweeps. */
  close: () => Promise<void>;
}

/**
 * The session store and the timers: both on Redis when `config.redisUrl` is
 * set (one connection, keys under `prefix`), else in memory. With an
 * encryption key in `config.encryption`, what people write is encrypted at rest.
 */
export function openSessionStores(config: Config, logger: Logger, options: { prefix?: string } = {}): OpenedSessionStores {
  const ttlSeconds = config.sessions.ttlDays * DAY_SECONDS;
  const codec = sessionCodecFor(config.encryption);
  const wire = (store: SessionWiring['store'], timers: SessionWiring['timers']): SessionWiring => ({
    store,
    timers,
    registry: formats,
    clock: systemClock,
    idleDays: config.sessions.idleDays,
    maxDays: config.sessions.maxDays,
    reminderLeadHours: config.reminderLeadHours,
    privateRooms: config.privateRooms,
  });
  if (!config.redisUrl) {
    const store = new MemorySessionStore({ ttlSeconds, codec });
    return { wiring: wire(store, new MemoryTimerStore()), kind: 'memory', close: () => store.close() };
  }
  const { prefix } = options;
  const redis = connectRedis(config.redisUrl, logger);
  return {
    wiring: wire(new RedisSessionStore(redis, { ttlSeconds, prefix, codec }), new RedisTimerStore(redis, { prefix })),
    kind: 'redis',
    close: () => closeConnection(redis),
  };
}
