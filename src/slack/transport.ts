import type { AddressInfo } from 'node:net';
import { type App, HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { RetryOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Metrics } from '../metrics/metrics';
import { meteredClientOptions } from './api-metrics';
import { healthRoute, metricsRoutes, startHealthServer, type HealthProbe, type HealthServer, type StoreKind } from './http';
import { StartupError, startupFailure } from './identity';
import { oauthOptions } from './install/oauth';
import { guardRequestBodies } from './request-guard';

/**
 * How requests reach the app: HTTP mode (signed requests on /slack/events,
 * /healthz beside them) or Socket Mode (an app-level token, no public URL;
 * /healthz on its own small server).
 */

export interface TransportDeps {
  logger: Logger;
  /** The session store, or anything that says whether it answers. */
  store: HealthProbe;
  storeKind: StoreKind;
  /** HTTP mode: listen on this address only; every interface when absent. */
  host?: string;
  /** Where workspaces' installations are kept, when they install the bot themselves (SLACK_CLIENT_ID). */
  installationStore?: InstallationStore;
  /** How the Web API client retries; Slack's default policy when absent (tests make it fast). */
  retryConfig?: RetryOptions;
  /** What the bot reports (GET /metrics when on); nothing when absent. */
  metrics?: Metrics;
}

/** The install flow's options for a receiver, when workspaces install the bot themselves; none otherwise. */
function installOptions(config: Config, deps: TransportDeps, logger: BoltLogger) {
  if (!config.slack.oauth) return {};
  if (!deps.installationStore) throw new StartupError('An installation store is needed to let workspaces install the bot.');
  const clientOptions = { logger, ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}), ...meteredClientOptions(deps.metrics) };
  return oauthOptions(config, deps.installationStore, deps.logger, { clientOptions });
}

/** HTTP mode's receiver: Bolt's, /healthz beside it, and requests checked first (request-guard.ts): signed just now, and shaped so Bolt can route them. */
export function httpReceiver(config: Config, deps: TransportDeps, logger: BoltLogger): HTTPReceiver {
  // The configuration requires it in HTTP mode; never verify signatures against an empty secret.
  if (!config.slack.signingSecret) throw new StartupError('SLACK_SIGNING_SECRET is needed in HTTP mode.');
  // With OAuth, Bolt also serves GET /slack/install and /slack/oauth_redirect; the guard lets them through (it checks POSTs to /slack/events).
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    logger,
    customRoutes: [healthRoute(deps.store, deps.storeKind), ...metricsRoutes(deps.metrics)],
    ...installOptions(config, deps, logger),
  });
  const metrics = deps.metrics;
  const onAnswered = metrics?.enabled ? { onAnswered: (kind: string, seconds: number) => metrics.ack(kind, seconds) } : {};
  receiver.requestListener = guardRequestBodies(receiver.requestListener, deps.logger, { signingSecret: config.slack.signingSecret, ...onAnswered });
  return receiver;
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

/** Starts HTTP mode's server on PORT; a port that cannot be used becomes a StartupError. */
async function listenHttp(app: App, config: Config, host: string | undefined): Promise<number> {
  const server = await app.start(host ? { port: config.port, host } : config.port).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new StartupError(`PORT ${config.port} cannot be used (${code}): another program is listening there, or the port needs privileges; choose another PORT.`);
    }
    throw error;
  });
  return (server.address() as AddressInfo).port;
}

export interface OpenTransport {
  /** Where /healthz answers (and, in HTTP mode, /slack/events); undefined if Socket Mode could not open it. */
  port: number | undefined;
  /** Closes Socket Mode's health server (HTTP mode's goes with the app); call after app.stop(). */
  closeHealth(): Promise<void>;
}

/** Starts taking requests in the configured mode. */
export async function openTransport(app: App, config: Config, deps: TransportDeps): Promise<OpenTransport> {
  if (config.mode === 'http') {
    const port = await listenHttp(app, config, deps.host);
    return { port, closeHealth: async () => undefined };
  }
  await connectSocketMode(app, config);
  // Where workspaces install the bot, Socket Mode's receiver serves the install pages and /healthz on PORT itself.
  if (config.slack.oauth) return { port: config.port, closeHealth: async () => undefined };
  const health: HealthServer | undefined = await startHealthServer(config.port, deps.store, deps.storeKind, deps.logger, deps.metrics);
  return { port: health?.port, closeHealth: async () => health?.close() };
}
