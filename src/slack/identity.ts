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
