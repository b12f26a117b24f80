import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config';
import { boltLogger } from '../logging/bolt-logger';
import { slackErrorCode } from './slack-errors';

/** Who the bot is in the workspace (from auth.test), so Bolt need not ask again. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
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
export function startupFailure(error: unknown, config: Config, rejected: (code: string) => string, unreachable: string): StartupError {
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

/** Slack's answers to a code exchange that say the app's credentials themselves are wrong. */
const REJECTED_CLIENT: Record<string, string> = {
  invalid_client_id: 'SLACK_CLIENT_ID',
  bad_client_secret: 'SLACK_CLIENT_SECRET',
};

/**
 * Where workspaces install the bot there is no token to check at start, but
 * the app's credentials can be: Slack answers a code exchange with a made-up
 * code `invalid_code` when the client ID and secret are right, and names
 * which one is wrong otherwise. Throws StartupError when they are wrong or
 * Slack cannot be reached.
 */
export async function verifyClientCredentials(config: Config, logger: Logger): Promise<void> {
  const oauth = config.slack.oauth;
  if (!oauth) return;
  const client = new WebClient(undefined, {
    logger: boltLogger(logger),
    retryConfig: { retries: 2, minTimeout: 250, maxTimeout: 1000 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  try {
    await client.oauth.v2.access({ client_id: oauth.clientId, client_secret: oauth.clientSecret, code: 'intervision-start-up-check' });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'invalid_code' || code === 'invalid_grant_type' || code === 'code_already_used') return;
    const variable = code ? REJECTED_CLIENT[code] : undefined;
    if (variable) {
      throw new StartupError(`${variable} was rejected by Slack (${code}): copy the Client ID and Client Secret again from "Basic Information" > "App Credentials".`);
    }
    throw startupFailure(error, config, (rejected) => `Slack rejected the app's credentials (${rejected}).`, 'Could not check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET with Slack');
  }
}
