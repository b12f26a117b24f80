import { App } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config';
import { boltLevelOf, boltLogger } from '../logging/bolt-logger';
import type { InFlight } from '../shutdown';
import { isStoreUnavailable } from '../store/errors';
import { meterSocketModeAcks } from './ack-metrics';
import { meteredClientOptions } from './api-metrics';
import type { BotIdentity } from './identity';
import { healthRoute, metricsRoutes } from './http';
import { isNotInstalled } from './install/installation-store';
import { oauthOptions } from './install/oauth';
import { workspaceMiddleware } from './install/request-workspace';
import { registerActions } from './listeners/actions';

import { registerEvents } from './listeners/events';
import { registerShortcuts } from './listeners/shortcuts';
import { registerViews } from './listeners/views';
import { registerCommands, type CommandDeps } from './listeners/commands';
import { listSubcommand } from './listeners/commands/list';
import { newSubcommand } from './listeners/commands/new';
import { groupSubcommand } from './listeners/commands/group';
import type { ListenerDeps } from './listeners/support/deps';
import { personLanguage } from './listeners/support/speech';
import { httpReceiver, type TransportDeps } from './transport';
import { tellUnavailable } from './unavailable';
import type { Lang } from '../i18n';

/**
 * The Bolt app: one per process, with every listener registered. The
 * listeners live in listeners/, one callback per file; what the app is
 * plugged into (stores, the session service, the transport) is chosen by the
 * composition root, src/bot.ts.
 */

export interface AppDeps extends CommandDeps, TransportDeps {
  /** Who the bot is in its one workspace; absent when workspaces install it (each has its own bot user). */
  identity: BotIdentity | undefined;
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
function handleErrors(app: App, logger: Logger, lang: Lang, onUnavailable: () => void) {
  return async ({ error, body, context }: FailedRequest): Promise<void> => {
    const request = requestKind(body);
    if (isNotInstalled(error)) {
      logger.info({ request }, 'a request from a workspace that has not installed the bot was ignored');
      return;
    }
    if (!isStoreUnavailable(error)) {
      logger.error({ err: error, request }, 'a listener failed');
      return;
    }
    logger.warn({ err: error, request }, 'the store is unavailable: asking the person to try again');
    onUnavailable();
    try {
      await tellUnavailable(body, app.client, context.botToken, fetch, lang);
    } catch (notified) {
      logger.warn({ err: notified, request }, 'could not tell the person that the bot is unavailable');
    }
  };
}

/** Socket Mode, where workspaces install the bot: the install pages and /healthz on the receiver's own HTTP server (PORT). */
function socketModeInstallOptions(config: Config, deps: AppDeps, logger: ReturnType<typeof boltLogger>) {
  if (!deps.installationStore) throw new Error('an installation store is needed to let workspaces install the bot');
  const retry = deps.retryConfig ? { retryConfig: deps.retryConfig } : {};
  return {
    ...oauthOptions(config, deps.installationStore, deps.logger, { clientOptions: { logger, ...retry, ...meteredClientOptions(deps.metrics) }, port: config.port }),
    customRoutes: [healthRoute(deps.store, deps.storeKind), ...metricsRoutes(deps.metrics)],
  };
}

/** The Bolt app for the configured mode, tracking its listeners' work (no listener yet, nothing started). */
export function createApp(config: Config, deps: AppDeps): App {
  const { identity } = deps;
  const common = {
    // One workspace: its token and bot. Many: each request's comes from its installation (Bolt's authorize).
    ...(identity ? { token: config.slack.botToken, botId: identity.botId, botUserId: identity.botUserId } : {}),
    logger: boltLogger(deps.logger),
    logLevel: boltLevelOf(config.logLevel),
    // Conversation state in memory would differ between instances; sessions live in the store.
    convoStore: false as const,
    extendedErrorHandler: true,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
      ...meteredClientOptions(deps.metrics),
    },
  };
  const installs = config.slack.oauth !== undefined;
  // Socket Mode's client gets a copy of the client options: @slack/socket-mode sets its own retry policy (100 retries,
  // for reconnecting) on the options it is handed, which would otherwise be the app's and reach every listener's client.
  const socketOptions = installs ? socketModeInstallOptions(config, deps, common.logger) : { installerOptions: { clientOptions: { ...common.clientOptions } } };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.slack.appToken, ...socketOptions })
      : new App({ ...common, receiver: httpReceiver(config, deps, common.logger) });
  if (config.mode === 'socket' && deps.metrics?.enabled) meterSocketModeAcks(app, deps.metrics);
  app.use(async ({ next }) => {
    await deps.inFlight.track(next());
  });
  // Each request inside its workspace: the service and the listeners reach only that workspace's sessions and people.
  if (installs) app.use(workspaceMiddleware());
  app.error(handleErrors(app, deps.logger, config.defaultLanguage, () => deps.metrics?.unavailable()));
  return app;
}

/** Registers every listener; without session listeners the bot answers only help (the foundation's tests run it so). */
export function registerListeners(app: App, listeners: ListenerDeps | undefined, commands: CommandDeps = {}): void {
  const sessionSubcommands = listeners ? { new: newSubcommand(listeners), list: listSubcommand(listeners), ...(listeners.groups ? { group: groupSubcommand(listeners) } : {}) } : {};
  const formats = commands.formats ?? listeners?.formats;
  const languageOf = commands.languageOf ?? (listeners ? (user: string) => personLanguage(listeners, user) : undefined);
  registerCommands(app, { subcommands: { ...sessionSubcommands, ...commands.subcommands }, ...(formats ? { formats } : {}), ...(languageOf ? { languageOf } : {}) });
  registerActions(app, listeners);
  registerViews(app, listeners);
  registerEvents(app, listeners);
  registerShortcuts(app, listeners);
}
