/**
 * The local playground: the real bot in a browser, with no Slack workspace.
 * An emulated workspace (the test bench's emulator) with a demo team, the bot
 * started against it, and a page on 127.0.0.1 that looks like one Slack
 * channel, where you act as any person of the team. See docs/playground.md.
 */
import type { Logger } from 'pino';
import type { LogLevel, RedisTarget } from '../../src/config';
import { SlackDriver, SlackEmulator } from '../emulator';
import { createLogger } from '../../src/logger';
import type { EncryptionSettings } from '../../src/store/crypto-codec';
import { PlaygroundApi } from './api';
import { startPlaygroundBot } from './bot';
import { PLAYGROUND_BOT, PLAYGROUND_TEAM, seedPlayground } from './demo-team';
import { PlaygroundServer } from './server';
import { PlaygroundTime } from './time';

export { DEMO_PEOPLE, PLAYGROUND_CHANNEL, PLAYGROUND_TEAM, PLAYGROUND_BOT, type DemoPerson } from './demo-team';
export type { PersonState, ShownMessage, ShownChannel, ShownView, ShownPerson } from './state';

export interface PlaygroundOptions {
  /** Where the page listens on 127.0.0.1 (default 3000; 0 = a free port). */
  port?: number;
  /** Keep sessions in this Redis instead of in memory. */
  redisUrl?: string;
  /** Or in this Redis, Cluster or Sentinel's primary (the bot's REDIS_… settings). */
  redis?: RedisTarget;
  /** Prefix of the playground's Redis keys (default "playground:"). */
  redisPrefix?: string;
  /** Encrypt stored content with these keys (CONTENT_ENCRYPTION_KEY), as the bot does. */
  encryption?: EncryptionSettings;
  /** The bot's log level (default "warn", so the console stays calm). */
  logLevel?: LogLevel;
  /** A logger to use instead (tests pass a silent one). */
  logger?: Logger;
}

export interface Playground {
  /** The page, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  emulator: SlackEmulator;
  driver: SlackDriver;
  storeKind: 'memory' | 'redis';
  /** The playground's movable time. */
  time: PlaygroundTime;
  /** Stops the page, the bot and the emulator. */
  stop(): Promise<void>;
}

/** Starts the emulated workspace, the real bot against it, and the page on 127.0.0.1:`port`. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const emulator = new SlackEmulator({ team: PLAYGROUND_TEAM, bot: PLAYGROUND_BOT });
  seedPlayground(emulator);
  await emulator.listen(0, '127.0.0.1');
  const stops: Array<() => Promise<void>> = [() => emulator.close()];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const bot = await startPlaygroundBot(emulator, {
      logger,
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.redis ? { redis: options.redis } : {}),
      ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
      ...(options.encryption ? { encryption: options.encryption } : {}),
    });
    stops.push(() => bot.stop());
    const driver = new SlackDriver(emulator, { requestUrl: bot.requestUrl, signingSecret: bot.signingSecret });
    emulator.connect(driver);
    const services = bot.bot.services;
    if (!services) throw new Error('The playground bot started without its session services.');
    const groups = bot.bot.groups;
    const time = new PlaygroundTime({ clock: bot.clock, emulator, store: bot.sessions.store, timers: bot.sessions.timers, services, ...(groups ? { groups } : {}) });
    const server = new PlaygroundServer(new PlaygroundApi(emulator, driver, time));
    const url = await server.listen(options.port ?? 3000);
    stops.push(() => server.close());
    return { url, port: server.port, emulator, driver, storeKind: bot.storeKind, time, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
