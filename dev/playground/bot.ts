/**
 * The real bot, started for the playground: the same startBot as in
 * production, in HTTP mode, talking to the emulator instead of Slack. Only
 * Slack is stood in for; listeners, engine, store and effects are the bot's own.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { loadConfig, type RedisTarget } from '../../src/config';
import type { SlackEmulator } from '../emulator';
import type { StoreKind } from '../../src/slack/http';
import { openStores, startBot, type RunningBot, type SessionWiring } from '../../src/bot';
import { PlaygroundClock } from './time';
import type { EncryptionSettings } from '../../src/store/crypto-codec';

/** Keys of the playground's sessions, kept apart from a real bot's on the same Redis. */
export const PLAYGROUND_REDIS_PREFIX = 'playground:';

export interface PlaygroundBot {
  bot: RunningBot;
  /** The bot's clock, which the page can move (time.ts). */
  clock: PlaygroundClock;
  /** Where the bot keeps its sessions and timers. */
  sessions: Pick<SessionWiring, 'store' | 'timers'>;
  /** Where the bot takes Slack's requests, for the driver. */
  requestUrl: string;
  signingSecret: string;
  storeKind: StoreKind;
  stop(): Promise<void>;
}

/** Starts the bot against the emulator, with a fresh random signing secret; Redis when `redisUrl` is given. */
export async function startPlaygroundBot(
  emulator: SlackEmulator,
  options: { redisUrl?: string; redis?: RedisTarget; redisPrefix?: string; encryption?: EncryptionSettings; logger: Logger },
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
  // With CONTENT_ENCRYPTION_KEY, what people write is encrypted at rest here too, as in the bot's own process.
  const config = { ...loaded.config, encryption: options.encryption ?? {}, ...(options.redis ? { redis: options.redis } : {}) };
  // Sessions and timers in memory, or both on Redis (one connection), as the bot's own process keeps them.
  const { wiring: sessions, kind: storeKind, close } = openStores(config, options.logger, { prefix: options.redisPrefix ?? PLAYGROUND_REDIS_PREFIX });
  // Time that a person can move forward, to rehearse an asynchronous session's reminders and deadlines.
  const clock = new PlaygroundClock();
  let bot: RunningBot;
  try {
    // The emulated Slack has no rate limits, and one person clicks through a whole session: no pacing of chat.update.
    bot = await startBot(config, { logger: options.logger, store: sessions.store, storeKind, sessions: { ...sessions, clock, updateBudget: undefined }, host: '127.0.0.1' });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    bot,
    clock,
    sessions: { store: sessions.store, timers: sessions.timers },
    requestUrl: `http://127.0.0.1:${String(bot.port)}/slack/events`,
    signingSecret,
    storeKind,
    stop: async () => {
      await bot.stop();
      await close();
    },
  };
}
