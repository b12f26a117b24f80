/**
 * A tiny real Bolt app on a free port (or in Socket Mode), wired to the bench:
 * it proves the emulator speaks Slack well enough for Bolt's own parsing,
 * verification and Socket Mode client.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { SlackBench } from '../support/slack';

export interface TinyApp {
  app: App;
  requestUrl: string;
  stop(): Promise<void>;
}

/** Starts a Bolt app whose WebClient talks to the bench; `register` adds its listeners. */
export async function startTinyBoltApp(bench: SlackBench, register: (app: App) => void): Promise<TinyApp> {
  const receiver = new HTTPReceiver({ signingSecret: bench.signingSecret, logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    token: bench.botToken,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: bench.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  const server: Server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    requestUrl: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      server.closeAllConnections();
      await app.stop();
    },
  };
}

/** The same in Socket Mode: Bolt's SocketModeReceiver opens its connection with the bench's app-level token. */
export async function startTinySocketApp(bench: SlackBench, register: (app: App) => void): Promise<Omit<TinyApp, 'requestUrl'>> {
  const app = new App({
    token: bench.botToken,
    appToken: bench.appToken,
    socketMode: true,
    // Quiet: the tests drop its connection on purpose, which its client logs as errors.
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.ERROR, setName: () => undefined },
    clientOptions: { slackApiUrl: bench.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  await app.start();
  return {
    app,
    async stop() {
      await app.stop();
    },
  };
}
