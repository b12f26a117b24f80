/**
 * A tiny real Bolt app on a free port, wired to the bench: it proves the
 * emulator speaks Slack well enough for Bolt's own parsing and verification.
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
