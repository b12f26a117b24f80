import type { Logger } from 'pino';
import { describeProblems, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { installShutdown } from './shutdown';
import { metricsFor, openStores, StartupError, startBot, type RunningBot } from './bot';
import { keyIdOf } from './store/crypto-codec';
import { tokenKeyIdOf, tokenKeysFor } from './store/installation-crypto';

/**
 * The bot's process: configuration -> logger -> store -> Slack app -> running, and
 * a graceful stop on SIGTERM/SIGINT. Problems an operator can fix end the
 * process with one plain message and status 1, never a stack trace.
 */

/** What the operator should know about where sessions are kept, before they are opened. */
function reportStorage(config: Config, logger: Logger): void {
  const { key } = config.encryption;
  // The key id names the key without revealing it, so operators can tell which key a process reads with.
  if (key) logger.info({ keyId: keyIdOf(key) }, 'session content is encrypted at rest');
  const tokenKeys = config.slack.oauth ? tokenKeysFor(config.encryption) : undefined;
  if (tokenKeys) logger.info({ tokenKeyId: tokenKeyIdOf(tokenKeys.current), derived: !config.encryption.tokenKey }, 'any workspace may install the bot: installations are encrypted at rest');
  if (!config.redis) {
    logger.warn(
      config.slack.oauth
        ? 'REDIS_URL is not set: sessions and installations are kept in memory, so run a single instance only; a restart loses open sessions, and every workspace must install the bot again'
        : 'REDIS_URL is not set: sessions are kept in memory, so run a single instance only, and a restart loses open sessions',
    );
  } else if (!key) {
    logger.warn('CONTENT_ENCRYPTION_KEY is not set: what people write is stored in Redis as plain text (see docs/privacy.md to create a key)');
  }
}

/** Runs the bot from `env` until SIGTERM/SIGINT; a configuration problem sets exit status 1 with one plain message. */
export async function runBot(env: Record<string, string | undefined>): Promise<void> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    process.stderr.write(describeProblems(loaded));
    process.exitCode = 1;
    return;
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  reportStorage(config, logger);
  const metrics = metricsFor(config);
  let opened: ReturnType<typeof openStores>;
  try {
    opened = openStores(config, logger, { metrics });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`The intervision bot cannot start: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const { wiring: sessions, installations, kind, close } = opened;
  let bot: RunningBot | undefined;
  installShutdown({
    logger,
    stop: async () => {
      await bot?.stop();
      await close();
    },
  });
  try {
    bot = await startBot(config, { logger, store: sessions.store, storeKind: kind, sessions, metrics, ...(installations ? { installations } : {}) });
  } catch (error) {
    if (error instanceof StartupError) process.stderr.write(`The intervision bot cannot start: ${error.message}\n`);
    else logger.fatal({ err: error }, 'the intervision bot could not start');
    await close();
    process.exit(1);
  }
}
