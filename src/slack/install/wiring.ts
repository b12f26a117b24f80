import { InstallProvider } from '@slack/oauth';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Metrics } from '../../metrics/metrics';
import { meteredClientOptions } from '../api-metrics';
import { boltLogger } from '../../logging/bolt-logger';
import type { InstallationRecords } from '../../store/installations';
import { EncryptedInstallationStore } from './installation-store';
import { type BudgetSettings, type WorkspaceAccess, installedWorkspaces } from './workspace-access';

/**
 * The pieces of "any workspace installs the bot", for the composition root:
 * the installation store Bolt's install flow and its authorize use (on the
 * connection for what people wait on), and the access to each workspace the
 * work in the background uses (on the patient connection, through an
 * installer of its own, so a token about to expire is refreshed there too).
 */

/** The installation records on each of the two connections (openStores). */
export interface InstallationStores {
  /** For the work in the background: waits through a reconnect. */
  work: InstallationRecords;
  /** For requests: fails at once while the store is away. */
  requests: InstallationRecords;
}

export interface Installed {
  /** Bolt's installation store for the install flow and each request's authorize. */
  installationStore: EncryptedInstallationStore;
  /** Each session's workspace, for effects, purges and notices. */
  access: WorkspaceAccess;
}

/** The installed workspaces' store and access, from the OAuth settings. */
export function installedParts(config: Config, stores: InstallationStores, logger: Logger, options: { retryConfig?: RetryOptions; updates: BudgetSettings; metrics?: Metrics }): Installed {
  const oauth = config.slack.oauth;
  if (!oauth) throw new Error('OAuth is not configured');
  const clientOptions: WebClientOptions = {
    logger: boltLogger(logger),
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    ...meteredClientOptions(options.metrics),
  };
  const background = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: new EncryptedInstallationStore(stores.work),
    logger: boltLogger(logger),
    clientOptions,
  });
  return {
    installationStore: new EncryptedInstallationStore(stores.requests),
    access: installedWorkspaces(background, clientOptions, options.updates),
  };
}
