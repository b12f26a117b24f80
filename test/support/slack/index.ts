/**
 * The Slack test bench: an emulator with a small demo workspace, listening on
 * a free port. Tests point the bot's WebClient at `apiUrl` and, once the bot
 * listens, make a driver for its request URL with `bench.driver(url)`; a bot
 * in Socket Mode (SLACK_APP_TOKEN = `appToken`) is reached with
 * `bench.socketDriver()` instead.
 */
import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { SlackDriver, SlackEmulator } from '../../../dev/emulator';
import type { DriverOptions, EmulatorOptions } from '../../../dev/emulator';

/** Ids of the demo workspace, so tests can name people and places. */
export const DEMO = {
  team: 'T0DEMO',
  bot: 'U0BOT',
  users: {
    alice: 'U0ALICE',
    bob: 'U0BOB',
    carol: 'U0CAROL',
    dave: 'U0DAVE',
    erin: 'U0ERIN',
  },
  /** A public channel the bot is in, with everyone. */
  channel: 'C0INTERV',
  /** A public channel the bot is not in. */
  outside: 'C0RANDOM',
  /** A private channel the bot is in, with alice and bob. */
  private: 'C0PRIVATE',
} as const;

export interface BenchOptions extends EmulatorOptions {
  /** Port for the emulator (default: a free one). */
  port?: number;
}

export interface SlackBench {
  emulator: SlackEmulator;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** For WebClient's slackApiUrl / Bolt's clientOptions.slackApiUrl (ends with "/"). */
  apiUrl: string;
  botToken: string;
  /** The app-level token (xapp-…) that opens Socket Mode connections. */
  appToken: string;
  signingSecret: string;
  /** Makes a driver for the bot's request URL and connects it, so `emulator.person()` works. */
  driver(requestUrl: string, options?: Omit<DriverOptions, 'requestUrl' | 'socketMode'>): SlackDriver;
  /** Makes a driver that delivers over the app's Socket Mode connections and connects it, so `emulator.person()` works. */
  socketDriver(): SlackDriver;
  stop(): Promise<void>;
}

/** Fills an emulator with the demo team, people (names, time zones) and channels. */
export function seedDemoWorkspace(emulator: SlackEmulator): void {
  const { users } = DEMO;
  emulator.addUser({ id: users.alice, name: 'alice', real_name: 'Alice Andersen', tz: 'Europe/Amsterdam' });
  emulator.addUser({ id: users.bob, name: 'bob', real_name: 'Bob Brown', tz: 'America/New_York' });
  emulator.addUser({ id: users.carol, name: 'carol', real_name: 'Carol Chen', tz: 'Asia/Tokyo' });
  emulator.addUser({ id: users.dave, name: 'dave', real_name: 'Dave Dubois', tz: 'Europe/Berlin' });
  emulator.addUser({ id: users.erin, name: 'erin', real_name: 'Erin Evans', tz: 'UTC' });
  const everyone = Object.values(users);
  emulator.addChannel({ id: DEMO.channel, name: 'intervision', members: [...everyone, DEMO.bot] });
  emulator.addChannel({ id: DEMO.outside, name: 'random', members: [...everyone] });
  emulator.addChannel({ id: DEMO.private, name: 'peer-group', is_private: true, members: [users.alice, users.bob, DEMO.bot] });
  emulator.defaultChannel = DEMO.channel;
}

/** Starts an emulator with the demo workspace on 127.0.0.1. */
export async function startSlackBench(options: BenchOptions = {}): Promise<SlackBench> {
  const { port, ...emulatorOptions } = options;
  const emulator = new SlackEmulator({
    team: { id: DEMO.team, name: 'Demo Peers', domain: 'demo-peers' },
    bot: { userId: DEMO.bot, name: 'intervision', botId: 'B0BOT', appId: 'A0INTERV' },
    ...emulatorOptions,
  });
  seedDemoWorkspace(emulator);
  const url = await emulator.listen(port ?? 0);
  return {
    emulator,
    url,
    apiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
    appToken: emulator.appToken,
    signingSecret: emulator.signingSecret,
    driver(requestUrl, driverOptions = {}) {
      const driver = new SlackDriver(emulator, { ...driverOptions, requestUrl });
      emulator.connect(driver);
      return driver;
    },
    socketDriver() {
      const driver = new SlackDriver(emulator, { socketMode: true });
      emulator.connect(driver);
      return driver;
    },
    async stop() {
      // An app that just stopped is closing its Socket Mode connection: let the close handshake finish
      // (@slack/socket-mode keeps a 30 s timer otherwise), then close whatever is left.
      await emulator.waitFor(() => emulator.socketMode.connections === 0, 2000).catch(() => undefined);
      await emulator.close();
    },
  };
}

/** The bot's WebClient against a bench, without retries (a refusal is seen at once). */
export function botClient(bench: SlackBench, options: WebClientOptions = {}): WebClient {
  return new WebClient(bench.botToken, { slackApiUrl: bench.apiUrl, retryConfig: { retries: 0 }, ...options });
}

/** The Slack error body a WebClient call failed with; fails the test when the call succeeded. */
export async function refusal(call: Promise<WebAPICallResult>): Promise<{ error?: string; errors?: unknown }> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: string; errors?: unknown } }).data ?? { error: String(error) };
  }
  throw new Error('the call succeeded');
}

/** The Slack error code a WebClient call failed with, or undefined when it succeeded. */
export async function errorOf(call: Promise<WebAPICallResult>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
}
