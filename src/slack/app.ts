import { App } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config';
import { boltLevelOf, boltLogger } from '../logging/bolt-logger';
import type { InFlight } from '../shutdown';
import { isStoreUnavailable } from '../store/errors';
import type { BotIdentity } from './identity';
import { registerActions } from './listeners/actions';

import { registerEvents } from './listeners/events';
import { registerViews } from './listeners/views';
import { registerCommands, type CommandDeps } from './listeners/commands';
import { listSubcommand } from './listeners/commands/list';
import { newSubcommand } from './listeners/commands/new';
import type { ListenerDeps } from './listeners/support/deps';
import { httpReceiver, type TransportDeps } from './transport';
import { tellUnavailable } from './unavailable';

/**
 * The Bolt app: one per process, with every listener registered. The
 * listeners live in listeners/, one callback per file; what the app is
 * plugged into (stores, the session service, the transport) is chosen by the
 * composition root, src/bot.ts.
 */

export interface AppDeps extends CommandDeps, TransportDeps {
  identity: BotIdentity;
  /** Tracks listener work so a shutdown can wait for it. */
  inFlight: InFlight;
  /** How the Web API client retries; Slack's default policy when absent (tests make it fast). */
  retryConfig?: RetryOptions;
}

const requestShape = z.object({ type: z.string().regex(/^\w{1,40}$/).optional(), command: z.string().regex(/^\/[\w-]{1,40}$/).optional() });

/** What kind of request failed ("/intervision", "block_actions"), for the log. */
function requestKind(body: unknown): string {
  const parsed = requestShape.safeParse(body);
  return (parsed.success && (parsed.data.command ?? parsed.data.type)) || 'unknown';
}

/** What Bolt's extended error handler is given (the parts read here). */
interface FailedRequest {
  error: unknown;
  body: unknown;
  context: { botToken?: string };
}

/** The global error handler: log safely; when the store is down, tell the person to retry. */
function handleErrors(app: App, logger: Logger) {
  return async ({ error, body, context }: FailedRequest): Promise<void> => {
    const request = requestKind(body);
    if (!isStoreUnavailable(error)) {
      logger.error({ err: error, request }, 'a listener failed');
      return;
    }
    logger.warn({ err: error, request }, 'the store is unavailable: asking the person to try again');
    try {
      await tellUnavailable(body, app.client, context.botToken);
    } catch (notified) {
      logger.warn({ err: notified, request }, 'could not tell the person that the bot is unavailable');
    }
  };
}

/** The Bolt app for the configured mode, tracking its listeners' work (no listener yet, nothing started). */
export function createApp(config: Config, deps: AppDeps): App {
  const common = {
    token: config.slack.botToken,
    botId: deps.identity.botId,
    botUserId: deps.identity.botUserId,
    logger: boltLogger(deps.logger),
    logLevel: boltLevelOf(config.logLevel),
    // Conversation state in memory would differ between instances; sessions live in the store.
    convoStore: false as const,
    extendedErrorHandler: true,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
    },
  };
  // Socket Mode's client gets a copy of the client options: @slack/socket-mode sets its own retry policy (100 retries,
  // for reconnecting) on the options it is handed, which would otherwise be the app's and reach every listener's client.
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.slack.appToken, installerOptions: { clientOptions: { ...common.clientOptions } } })
      : new App({ ...common, receiver: httpReceiver(config, deps, common.logger) });
  app.use(async ({ next }) => {
    await deps.inFlight.track(next());
  });
  app.error(handleErrors(app, deps.logger));
  return app;
}

/** Registers every listener; without session listeners the bot answers only help (the foundation's tests run it so). */
export function registerListeners(app: App, listeners: ListenerDeps | undefined, commands: CommandDeps = {}): void {
  const sessionSubcommands = listeners ? { new: newSubcommand(listeners), list: listSubcommand(listeners) } : {};
  const formats = commands.formats ?? listeners?.formats;
  registerCommands(app, { subcommands: { ...sessionSubcommands, ...commands.subcommands }, ...(formats ? { formats } : {}) });
  registerActions(app, listeners);
  registerViews(app, listeners);
  registerEvents(app, listeners);
}
