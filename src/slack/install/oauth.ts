import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackOptions, CodedError, Installation, InstallationStore, OrgInstallation } from '@slack/oauth';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { boltLogger } from '../../logging/bolt-logger';

/**
 * Bolt's install flow, for letting any workspace install the bot: GET
 * /slack/install sends the browser to Slack's consent page (with a signed
 * `state`, also set as a cookie), and Slack sends it back to GET
 * /slack/oauth_redirect with a code, which Bolt's installer (@slack/oauth)
 * exchanges with oauth.v2.access and stores through the installation store.
 * The pages people see here are plain and say what to do next.
 */

/** The bot scopes every installation asks for: the same list as manifest.yml and manifest.distributed.yml (a test compares them). */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'users:read',
  'channels:read',
  'groups:read',
  'im:write',
  'channels:history',
  'groups:history',
  'groups:write',
];

/** Slack's consent page: beside the Web API (`https://slack.com/api/` → `https://slack.com/oauth/v2/authorize`), so GovSlack and the emulator work too. */
export function authorizeUrlFor(apiUrl: string | undefined): string {
  return new URL('../oauth/v2/authorize', apiUrl ?? 'https://slack.com/api/').toString();
}

/** A small page, no script, nothing of the installation in it. */
function page(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`);
}

export const INSTALLED_TEXT = 'Invite the bot to a channel (<code>/invite @Intervision</code>) and type <code>/intervision help</code> there. You can close this page.';
export const ORG_WIDE_TEXT =
  'Intervision cannot be installed for a whole Enterprise Grid organization: each workspace installs it for itself. Ask an admin to install it in the workspaces that want it, or start again at /slack/install from one workspace.';

/** What went wrong in the install flow, in words for the person in front of the browser. */
function failureText(error: CodedError): { status: number; text: string } {
  if (error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state') {
    return { status: 400, text: 'This installation link has expired or was opened in another browser. Start again at /slack/install.' };
  }
  if (error.code === 'slack_oauth_installer_authorization_error') return { status: 400, text: 'The installation was cancelled. Start again at /slack/install whenever you like.' };
  return { status: 500, text: 'Slack did not confirm the installation. Please start again at /slack/install in a moment.' };
}

/**
 * The install flow's hooks: an installation for a whole Enterprise Grid
 * organization is refused (its token revoked at once, nothing stored), and
 * success and failure get pages of their own. Logged with ids only.
 */
function callbacks(logger: Logger, clientOptions: WebClientOptions): CallbackOptions {
  return {
    afterInstallation: async (installation: Installation | OrgInstallation, _options, _req, res: ServerResponse) => {
      if (!installation.isEnterpriseInstall) return true;
      logger.warn({ enterprise: installation.enterprise?.id }, 'an installation for a whole organization was refused');
      const token = installation.bot?.token;
      if (token) await new WebClient(token, clientOptions).auth.revoke().catch(() => undefined);
      page(res, 403, 'Not installed', ORG_WIDE_TEXT);
      return false;
    },
    success: (installation: Installation | OrgInstallation, _options, _req: IncomingMessage, res: ServerResponse) => {
      logger.info({ team: installation.team?.id }, 'a workspace installed the bot');
      page(res, 200, 'Intervision is installed', INSTALLED_TEXT);
    },
    failure: (error: CodedError, _options, _req: IncomingMessage, res: ServerResponse) => {
      logger.warn({ code: error.code }, 'an installation did not complete');
      const { status, text } = failureText(error);
      page(res, status, 'Not installed', text);
    },
  };
}

/** The receiver options that turn on the install flow (HTTPReceiver and SocketModeReceiver take the same). */
export function oauthOptions(config: Config, installationStore: InstallationStore, logger: Logger, extra: { clientOptions?: WebClientOptions; port?: number } = {}) {
  const oauth = config.slack.oauth;
  if (!oauth) throw new Error('OAuth is not configured');
  const clientOptions: WebClientOptions = { logger: boltLogger(logger), ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), ...extra.clientOptions };
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      // Straight to Slack's consent page: the bot has no landing page of its own.
      directInstall: true,
      authorizationUrl: authorizeUrlFor(config.slack.apiUrl),
      clientOptions,
      callbackOptions: callbacks(logger, clientOptions),
      ...(extra.port !== undefined ? { port: extra.port } : {}),
    },
  };
}
