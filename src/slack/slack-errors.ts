/** Reading errors from @slack/web-api without trusting their shape (and without logging their payloads). */

/** Slack's error code of a failed Web API call ("channel_not_found"), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data === 'object' && data !== null) {
    const code = (data as { error?: unknown }).error;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The channel can no longer be used by the bot: archived, deleted, or the bot was removed. */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'is_inactive', 'not_in_channel', 'channel_is_archived']);
/** The message we meant to touch is not there any more. */
const MESSAGE_GONE = new Set(['message_not_found', 'cant_update_message', 'cant_delete_message']);
/** The person can no longer be reached. */
const USER_GONE = new Set(['user_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'user_not_visible']);

export type SlackFailure = 'channel-gone' | 'message-gone' | 'user-gone' | 'transient' | 'other';

/** Sorts a Web API failure into what the bot should do about it. */
export function classifySlackError(error: unknown): SlackFailure {
  const code = slackErrorCode(error);
  if (code !== undefined) {
    if (CHANNEL_GONE.has(code)) return 'channel-gone';
    if (MESSAGE_GONE.has(code)) return 'message-gone';
    if (USER_GONE.has(code)) return 'user-gone';
    if (code === 'ratelimited' || code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable') {
      return 'transient';
    }
    return 'other';
  }
  // No Slack error code: HTTP failures, timeouts, connection errors, exhausted retries.
  return 'transient';
}

/** A short, content-free description of an error for the log. */
export function describeError(error: unknown): { name: string; code?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const code = slackErrorCode(error) ?? (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined);
  return code === undefined ? { name } : { name, code };
}
