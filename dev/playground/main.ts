/**
 * The playground as a process: `npm run playground`, and `npm start` when no
 * Slack settings are set at all. It reads the same environment as the bot
 * (PORT, REDIS_URL, LOG_LEVEL), checked by the same schema, and prints one
 * line saying what it is and how to connect a real workspace instead.
 */
import { config as loadDotenv } from 'dotenv';
import { describeProblems, loadConfig, type LogLevel } from '../../src/config';
import { createLogger } from '../../src/logger';
import { installShutdown } from '../../src/shutdown';
import { type Playground, startPlayground } from './index';

/** Stand-ins that let the bot's schema check the rest of the environment; the playground makes its own real ones. */
const STAND_INS = { SLACK_BOT_TOKEN: 'xoxb-playground', SLACK_SIGNING_SECRET: 'playground-stand-in' };

/** The one line printed once the page is up. */
export function readyLine(url: string): string {
  return (
    `The intervision playground is running at ${url} (the real bot, with Slack emulated on this computer; no workspace needed). ` +
    'To connect a real Slack workspace instead, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see README.md) and run npm start again.\n'
  );
}

/** Starts the playground from the environment; problems end the process with one message and status 1. */
export async function runPlayground(env: Record<string, string | undefined>): Promise<Playground | undefined> {
  const loaded = loadConfig({ ...env, ...STAND_INS });
  if (!loaded.ok) {
    process.stderr.write(describeProblems({ problems: loaded.problems, noSlackSettings: false }));
    process.exitCode = 1;
    return undefined;
  }
  const { config } = loaded;
  // A calm console by default: the bot's info lines are for operators, not for someone trying it out.
  const level: LogLevel = env.LOG_LEVEL?.trim() ? config.logLevel : 'warn';
  const logger = createLogger(level);
  let playground: Playground;
  try {
    playground = await startPlayground({ port: config.port, logger, encryption: config.encryption, ...(config.redis ? { redis: config.redis } : {}) });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(`The intervision playground cannot start: port ${config.port} cannot be used (${code}); set PORT to another port.\n`);
    } else logger.fatal({ err: error }, 'the intervision playground could not start');
    process.exitCode = 1;
    return undefined;
  }
  installShutdown({ logger, stop: () => playground.stop() });
  process.stdout.write(readyLine(playground.url));
  return playground;
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  void runPlayground(process.env);
}
