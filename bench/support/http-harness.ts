/**
 * What bench:http runs against: the emulator (in this process, over HTTP), a
 * private redis-server, the real bot as a child process in HTTP mode
 * (`node --import tsx src/index.ts`) and a bare Bolt app as another child.
 * Everything started here is stopped by stop(), whatever failed.
 */
import { join } from 'node:path';
import { SlackDriver, SlackEmulator } from '../../dev/emulator';
import { CONFIG_VARIABLES } from '../../src/config';
import { MirrorDriver } from './mirror-driver';
import { type BenchRedis, startBenchRedis } from './private-redis';
import { type Child, freePorts, startChild, waitListening } from './processes';
import { Watch } from './watch';

const ROOT = join(__dirname, '..', '..');

export interface Harness {
  emulator: SlackEmulator;
  redis: BenchRedis;
  bot: Child;
  bare: Child;
  driver: MirrorDriver;
  watch: Watch;
  stop(): Promise<void>;
}

/** The bot's environment: nothing from this shell's bot settings, only the emulator's. */
function botEnv(emulator: SlackEmulator, port: number, redisUrl: string): Record<string, string> {
  const env: Record<string, string> = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
  return {
    ...env,
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    PORT: String(port),
    REDIS_URL: redisUrl,
    LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info',
    // The bot paces chat.update within Slack's Tier 3 (50 a minute). The live passes play flat out against an emulator
    // that does not limit, to measure what each action costs, so they run unpaced unless told otherwise; the tier pass
    // runs with the bot's default pacing.
    SLACK_UPDATES_PER_MINUTE: process.env.BENCH_BOT_UPDATES_PER_MINUTE ?? (process.env.BENCH_TIERS === '1' ? '50' : '0'),
  };
}

async function startApps(emulator: SlackEmulator, redisUrl: string, started: Child[]): Promise<{ bot: Child; bare: Child; botPort: number; barePort: number }> {
  const [botPort = 0, barePort = 0] = await freePorts(2);
  const node = process.execPath;
  // BENCH_BOT_PROFILE=<dir>: the bot writes a CPU profile there when it stops (node --cpu-prof).
  // BENCH_BOT_HEAP_PROFILE=<dir>: a sampling heap profile of what the bot still holds when it stops (node --heap-prof).
  const profile = [
    ...(process.env.BENCH_BOT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_BOT_PROFILE}`] : []),
    ...(process.env.BENCH_BOT_HEAP_PROFILE ? ['--heap-prof', `--heap-prof-dir=${process.env.BENCH_BOT_HEAP_PROFILE}`] : []),
  ];
  // BENCH_BOT=dist: the bot as the image runs it, built JavaScript (run `npm run build` first); else from source with tsx.
  const entry = process.env.BENCH_BOT === 'dist' ? [join(ROOT, 'dist', 'src', 'index.js')] : ['--import', 'tsx', join(ROOT, 'src', 'index.ts')];
  const bot = startChild('the bot', node, [...profile, ...entry], botEnv(emulator, botPort, redisUrl));
  started.push(bot);
  const bare = startChild('the bare Bolt app', node, ['--import', 'tsx', join(ROOT, 'bench', 'support', 'bare-app.ts')], { SLACK_SIGNING_SECRET: emulator.signingSecret, PORT: String(barePort) });
  started.push(bare);
  await Promise.all([waitListening(bot, botPort), waitListening(bare, barePort)]);
  return { bot, bare, botPort, barePort };
}

/** Starts everything; on failure, stops what had started and rethrows. */
export async function startHarness(): Promise<Harness> {
  const started: Child[] = [];
  let redis: BenchRedis | undefined;
  const emulator = new SlackEmulator();
  let watch: Watch | undefined;
  const stop = async (): Promise<void> => {
    watch?.close();
    await Promise.allSettled(started.map((child) => child.stop()));
    await emulator.close();
    await redis?.stop();
  };
  try {
    redis = await startBenchRedis();
    await emulator.listen();
    const { bot, bare, botPort, barePort } = await startApps(emulator, redis.url, started);
    const bareDriver = new SlackDriver(emulator, { requestUrl: `http://127.0.0.1:${barePort}/slack/events` });
    const driver = new MirrorDriver(emulator, `http://127.0.0.1:${botPort}/slack/events`, bareDriver);
    emulator.connect(driver);
    watch = new Watch(emulator);
    return { emulator, redis, bot, bare, driver, watch, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
