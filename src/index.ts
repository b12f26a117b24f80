import { config as loadDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { describeProblems, loadConfig, type Config } from './config';
import { systemClock } from './clock';
import { formats } from './engine';
import { createLogger } from './logger';
import { MemoryTimerStore } from './scheduler/memory-timer-store';
import { RedisTimerStore } from './scheduler/redis-timer-store';
import { installShutdown } from './shutdown';
import { StartupError, startBot, type RunningBot } from './slack/app';
import type { StoreKind } from './slack/http';
import { keyIdOf, sessionCodecFor } from './store/crypto-codec';
import { MemorySessionStore } from './store/memory';
import { closeConnection, connectRedis } from './store/redis/connect';
import { RedisSessionStore } from './store/redis/redis-session-store';
import type { SessionStore, TimerStore } from './store/session-store';

/**
 * The process: configuration -> logger -> store -> Slack app -> running, and
 * a graceful stop on SIGTERM/SIGINT. Problems an operator can fix end the
 * process with one plain message and status 1, never a stack trace.
 */

const DAY_SECONDS = 24 * 60 * 60;

/**
 * The session store and the timers: both on Redis when configured (one
 * connection), else in memory; `close` ends the connection without hanging
 * on a Redis that is away.
 */
function openStore(config: Config, logger: Logger): { store: SessionStore; timers: TimerStore; kind: StoreKind; close: () => Promise<void> } {
  const ttlSeconds = config.sessions.ttlDays * DAY_SECONDS;
  const codec = sessionCodecFor(config.encryption);
  const { key } = config.encryption;
  // The key id names the key without revealing it, so operators can tell which key a process reads with.
  if (key) logger.info({ keyId: keyIdOf(key) }, 'session content is encrypted at rest');
  if (!config.redisUrl) {
    logger.warn('REDIS_URL is not set: sessions are kept in memory, so run a single instance only, and a restart loses open sessions');
    const store = new MemorySessionStore({ ttlSeconds, codec });
    return { store, timers: new MemoryTimerStore(), kind: 'memory', close: () => store.close() };
  }
  if (!key) logger.warn('CONTENT_ENCRYPTION_KEY is not set: what people write is stored in Redis as plain text (see docs/privacy.md to create a key)');
  const redis = connectRedis(config.redisUrl, logger);
  return { store: new RedisSessionStore(redis, { ttlSeconds, codec }), timers: new RedisTimerStore(redis), kind: 'redis', close: () => closeConnection(redis) };
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const loaded = loadConfig(process.env);
  if (!loaded.ok && loaded.noSlackSettings) {
    // No Slack settings at all: someone trying the bot out. Loaded only here, so a real deployment never loads the playground.
    const { runPlayground } = await import('./playground/main.js');
    await runPlayground(process.env);
    return;
  }
  if (!loaded.ok) {
    process.stderr.write(describeProblems(loaded));
    process.exitCode = 1;
    return;
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  const { store, timers, kind, close } = openStore(config, logger);
  let bot: RunningBot | undefined;
  installShutdown({
    logger,
    stop: async () => {
      await bot?.stop();
      await close();
    },
  });
  try {
    const sessions = {
      store,
      timers,
      registry: formats,
      clock: systemClock,
      idleDays: config.sessions.idleDays,
      maxDays: config.sessions.maxDays,
      reminderLeadHours: config.reminderLeadHours,
    };
    bot = await startBot(config, { logger, store, storeKind: kind, sessions });
  } catch (error) {
    if (error instanceof StartupError) process.stderr.write(`The intervision bot cannot start: ${error.message}\n`);
    else logger.fatal({ err: error }, 'the intervision bot could not start');
    await close();
    process.exit(1);
  }
}

void main();
