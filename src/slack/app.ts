import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config';
import { Services } from '../service/services';
import { boltLevelOf, boltLogger } from '../logging/bolt-logger';
import { InFlight } from '../shutdown';
import { isStoreUnavailable } from '../store/errors';
import { healthRoute, startHealthServer, type HealthProbe, type HealthServer, type StoreKind } from './http';
import { registerActions } from './listeners/actions';
import { registerCommands, type CommandDeps } from './listeners/commands';
import { registerEvents } from './listeners/events';
import { listSubcommand, newSubcommand } from './listeners/new-session';
import { channelGoneNotifier } from './listeners/support/channel-gone';
import { deactivatedNotifier } from './listeners/support/deactivated';
import type { ListenerDeps } from './listeners/support/deps';
import { userGoneNotifier } from './listeners/support/user-gone';
import { UserDirectory } from './listeners/support/users';
import { registerViews } from './listeners/views';
import { guardRequestBodies } from './request-guard';
import { slackErrorCode } from './slack-errors';
import type { SessionWiring } from './session-wiring';
import { tellUnavailable } from './unavailable';

export type { SessionWiring } from './session-wiring';

/**
 * The Bolt app: one per process, in Socket Mode (an app-level token, no public
 * URL) or HTTP mode (signed requests on /slack/events). This file wires it up
 * and starts it; the listeners live in listeners/, one file per kind.
 */

/** Who the bot is in the workspace (from auth.test), so Bolt need not ask again. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
}

export interface AppDeps extends CommandDeps {
  logger: Logger;
  /** The session store, or anything that says whether it answers. */
  store: HealthProbe;
  storeKind: StoreKind;
  identity: BotIdentity;
  /** Tracks listener work so a shutdown can wait for it. */
  inFlight?: InFlight;
  /** Sessions: without it the bot answers only help (the foundation's tests run it so). */
  sessions?: SessionWiring;
  /** How the Web API client retries; Slack's default policy when absent (tests make it fast). */
  retryConfig?: RetryOptions;
}

/** The bot cannot start, for a reason the operator can fix; the message says how. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** Slack's answers that mean the bot token itself is wrong. */
const REJECTED_TOKEN = new Set([
  'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'team_disabled', 'user_removed_from_team',
]);

const authTestAnswer = z.object({ user_id: z.string(), bot_id: z.string(), team_id: z.string().optional() });

/** Turns a failed start-up call into a StartupError that names the setting to fix. */
function startupFailure(error: unknown, config: Config, rejected: (code: string) => string, unreachable: string): StartupError {
  const code = slackErrorCode(error);
  if (code !== undefined && REJECTED_TOKEN.has(code)) return new StartupError(rejected(code));
  const where = config.slack.apiUrl ?? 'https://slack.com/api/';
  return new StartupError(`${unreachable} at ${where} (${code ?? 'no answer'}): check the network, and SLACK_API_URL if you set it.`);
}

/** Asks Slack who the bot token belongs to; throws StartupError when it is rejected or Slack cannot be reached. */
export async function verifyBotToken(config: Config, logger: Logger): Promise<BotIdentity> {
  const client = new WebClient(config.slack.botToken, {
    logger: boltLogger(logger),
    retryConfig: { retries: 2, minTimeout: 250, maxTimeout: 1000 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  let answer: unknown;
  try {
    answer = await client.auth.test();
  } catch (error) {
    throw startupFailure(
      error,
      config,
      (code) =>
        `SLACK_BOT_TOKEN was rejected by Slack (${code}): copy the Bot User OAuth Token (xoxb-…) again from "OAuth & Permissions", and reinstall the app if it was removed or its scopes changed.`,
      'Could not check SLACK_BOT_TOKEN with Slack',
    );
  }
  const identity = authTestAnswer.safeParse(answer);
  if (!identity.success) {
    throw new StartupError('SLACK_BOT_TOKEN does not belong to a bot user: use the Bot User OAuth Token (xoxb-…), not a user token.');
  }
  const { user_id: botUserId, bot_id: botId, team_id: teamId } = identity.data;
  return { botId, botUserId, ...(teamId ? { teamId } : {}) };
}

/** Opens the Socket Mode connection; a rejected app-level token or an unreachable Slack becomes a StartupError. */
async function connectSocketMode(app: App, config: Config): Promise<void> {
  try {
    await app.start();
  } catch (error) {
    throw startupFailure(
      error,
      config,
      (code) =>
        `SLACK_APP_TOKEN was rejected by Slack (${code}): create an app-level token (xapp-…) with the connections:write scope under "Basic Information" > "App-Level Tokens", and check that Socket Mode is enabled for the app.`,
      'Could not open a Socket Mode connection through Slack',
    );
  }
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

/** The app and, when sessions are wired, the services behind its listeners. */
export interface BuiltApp {
  app: App;
  services: Services | undefined;
}

/** The services that run sessions, on the app's own Web API client (it has the token and the API URL). */
function buildServices(app: App, deps: AppDeps, wiring: SessionWiring, inFlight: InFlight): Services {
  return new Services({
    store: wiring.store,
    timers: wiring.timers,
    client: app.client,
    registry: wiring.registry,
    clock: wiring.clock,
    logger: deps.logger,
    inFlight,
    botUserId: deps.identity.botUserId,
    idleDays: wiring.idleDays,
    maxDays: wiring.maxDays,
    ...(wiring.scheduler ? { scheduler: wiring.scheduler } : {}),
    ...(wiring.sweepIntervalMs !== undefined ? { sweepIntervalMs: wiring.sweepIntervalMs } : {}),
    onChannelGone: channelGoneNotifier(wiring.store, app.client, deps.logger),
    onUserGone: userGoneNotifier(wiring.store, app.client, deps.logger),
    onDeactivated: deactivatedNotifier(wiring.store, app.client, deps.logger, wiring.idleDays),
  });
}

/** HTTP mode's receiver: Bolt's, signatures checked, /healthz beside it, and bodies Bolt would choke on answered first. */
function httpReceiver(config: Config, deps: AppDeps, logger: BoltLogger): HTTPReceiver {
  // The configuration requires it in HTTP mode; never verify signatures against an empty secret.
  if (!config.slack.signingSecret) throw new StartupError('SLACK_SIGNING_SECRET is needed in HTTP mode.');
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    logger,
    customRoutes: [healthRoute(deps.store, deps.storeKind)],
  });
  receiver.requestListener = guardRequestBodies(receiver.requestListener, deps.logger);
  return receiver;
}

/** Builds the Bolt app with every listener registered (not started). */
export function buildApp(config: Config, deps: AppDeps): App {
  return assembleApp(config, deps).app;
}

/** Builds the app and the session services, with every listener registered (nothing started). */
export function assembleApp(config: Config, deps: AppDeps): BuiltApp {
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
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.slack.appToken })
      : new App({ ...common, receiver: httpReceiver(config, deps, common.logger) });

  const inFlight = deps.inFlight ?? new InFlight();
  app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  const services = deps.sessions ? buildServices(app, deps, deps.sessions, inFlight) : undefined;
  const listeners: ListenerDeps | undefined = services && deps.sessions
    ? {
        services,
        logger: deps.logger,
        users: new UserDirectory(app.client, deps.identity.botUserId),
        botUserId: deps.identity.botUserId,
        reminderLeadHours: deps.sessions.reminderLeadHours,
        privateRooms: deps.sessions.privateRooms ?? 'offered',
      }
    : undefined;
  const sessionSubcommands = listeners ? { new: newSubcommand(listeners), list: listSubcommand(listeners) } : {};
  registerCommands(app, { subcommands: { ...sessionSubcommands, ...deps.subcommands } });
  registerActions(app, listeners);
  registerViews(app, listeners);
  registerEvents(app, listeners);
  app.error(handleErrors(app, deps.logger));
  return { app, services };
}

export interface RunningBot {
  app: App;
  /** The session services (undefined when the bot runs without sessions). */
  services: Services | undefined;
  /** Where /healthz answers (and, in HTTP mode, /slack/events); undefined if Socket Mode could not open it. */
  port: number | undefined;
  inFlight: InFlight;
  /** Stops taking requests and waits for the work in flight. */
  stop(): Promise<void>;
}

export type StartDeps = Omit<AppDeps, 'identity' | 'inFlight'> & {
  identity?: BotIdentity;
  /** HTTP mode: listen on this address only (the playground keeps the bot on 127.0.0.1); every interface when absent. */
  host?: string;
};

/** Checks the token, builds the app and starts it (use port 0 in tests for a free port). */
export async function startBot(config: Config, deps: StartDeps): Promise<RunningBot> {
  const identity = deps.identity ?? (await verifyBotToken(config, deps.logger));
  const inFlight = new InFlight();
  const { app, services } = assembleApp(config, { ...deps, identity, inFlight });
  let port: number | undefined;
  let health: HealthServer | undefined;
  if (config.mode === 'http') {
    const server = await app.start(deps.host ? { port: config.port, host: deps.host } : config.port).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new StartupError(`PORT ${config.port} cannot be used (${code}): another program is listening there, or the port needs privileges; choose another PORT.`);
      }
      throw error;
    });
    port = (server.address() as AddressInfo).port;
  } else {
    await connectSocketMode(app, config);
    health = await startHealthServer(config.port, deps.store, deps.storeKind, deps.logger);
    port = health?.port;
  }
  // Timers and the recovery sweep start once requests can be answered.
  services?.start();
  deps.logger.info({ mode: config.mode, port, store: deps.storeKind, botUserId: identity.botUserId }, 'the intervision bot is running');

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await app.stop();
      await services?.stop();
      await inFlight.idle();
      await health?.close();
    })();
    return stopped;
  };
  return { app, services, port, inFlight, stop };
}
