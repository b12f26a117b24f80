/**
 * The real bot, started for the playground: the same startBot as in
 * production, in HTTP mode, talking to the emulator instead of Slack. Only
 * Slack is stood in for; listeners, engine, store and effects are the bot's own.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { loadConfig } from '../config';
import type { SlackEmulator } from '../emulator';
import { startBot, type RunningBot } from '../slack/app';
import type { StoreKind } from '../slack/http';
import { systemClock } from '../clock';
import { formats } from '../engine';
import { MemoryTimerStore } from '../scheduler/memory-timer-store';
import { RedisTimerStore } from '../scheduler/redis-timer-store';
import { type EncryptionSettings, sessionCodecFor } from '../store/crypto-codec';
import { MemorySessionStore } from '../store/memory';
import { closeConnection, connectRedis } from '../store/redis/connect';
import { RedisSessionStore } from '../store/redis/redis-session-store';
import type { SessionStore, TimerStore } from '../store/session-store';

const DAY_SECONDS = 24 * 60 * 60;
/** Keys of the playground's sessions, kept apart from a real bot's on the same Redis. */
export const PLAYGROUND_REDIS_PREFIX = 'playground:';

/** Sessions and timers in memory, or both on Redis (one connection), as the bot's own process keeps them. */
function openStores(
  options: { redisUrl?: string; prefix: string; ttlSeconds: number; encryption?: EncryptionSettings },
  logger: Logger,
): { store: SessionStore; timers: TimerStore; close: () => Promise<void> } {
  const { ttlSeconds, prefix } = options;
  // With CONTENT_ENCRYPTION_KEY, what people write is encrypted at rest here too, as in the bot's own process.
  const codec = sessionCodecFor(options.encryption ?? {});
  if (!options.redisUrl) {
    const store = new MemorySessionStore({ ttlSeconds, codec });
    return { store, timers: new MemoryTimerStore(), close: () => store.close() };
  }
  const redis = connectRedis(options.redisUrl, logger);
  return { store: new RedisSessionStore(redis, { ttlSeconds, prefix, codec }), timers: new RedisTimerStore(redis, { prefix }), close: () => closeConnection(redis) };
}

export interface PlaygroundBot {
  bot: RunningBot;
  /** Where the bot takes Slack's requests, for the driver. */
  requestUrl: string;
  signingSecret: string;
  storeKind: StoreKind;
  stop(): Promise<void>;
}

/** Starts the bot against the emulator, with a fresh random signing secret; Redis when `redisUrl` is given. */
export async function startPlaygroundBot(
  emulator: SlackEmulator,
  options: { redisUrl?: string; redisPrefix?: string; encryption?: EncryptionSettings; logger: Logger },
): Promise<PlaygroundBot> {
  const signingSecret = randomBytes(16).toString('hex');
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    PORT: '0',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  });
  if (!loaded.ok) throw new Error(`The playground could not configure the bot: ${loaded.problems.join(' ')}`);
  const config = loaded.config;
  const ttlSeconds = config.sessions.ttlDays * DAY_SECONDS;
  const storeKind: StoreKind = config.redisUrl ? 'redis' : 'memory';
  const { store, timers, close } = openStores(
    { redisUrl: config.redisUrl, prefix: options.redisPrefix ?? PLAYGROUND_REDIS_PREFIX, ttlSeconds, ...(options.encryption ? { encryption: options.encryption } : {}) },
    options.logger,
  );
  const sessions = {
    store,
    timers,
    registry: formats,
    clock: systemClock,
    idleDays: config.sessions.idleDays,
    maxDays: config.sessions.maxDays,
    reminderLeadHours: config.reminderLeadHours,
  };
  let bot: RunningBot;
  try {
    bot = await startBot(config, { logger: options.logger, store, storeKind, sessions, host: '127.0.0.1' });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    bot,
    requestUrl: `http://127.0.0.1:${String(bot.port)}/slack/events`,
    signingSecret,
    storeKind,
    stop: async () => {
      await bot.stop();
      await close();
    },
  };
}
