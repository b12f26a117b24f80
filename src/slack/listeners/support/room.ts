import { randomInt } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { classifySlackError, slackErrorCode } from '../../slack-errors';

/**
 * A session's private room: a private channel the bot creates for it, named
 * readably and uniquely ("intervision-k3x9pq"). People are invited by the
 * effect runner once they agree; the purge archives the room at close.
 */

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** A name that is taken is tried again with new letters, this many times. */
const ATTEMPTS = 4;

/** The name of a new room: "intervision-" and six lowercase letters or digits. */
function roomName(): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `intervision-${suffix}`;
}

/** Slack's answers that mean the workspace (or the app's scopes) do not let the bot create channels. */
const NOT_ALLOWED = new Set(['restricted_action', 'missing_scope', 'not_allowed_token_type', 'no_permission', 'team_access_not_granted']);

export type RoomResult = { ok: true; channel: string } | { ok: false; reason: 'not-allowed' | 'failed' };

/** Creates a private room; 'not-allowed' when the workspace forbids it. Throws on transient Slack failures. */
export async function createRoom(client: WebClient): Promise<RoomResult> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    try {
      const created = await client.conversations.create({ name: roomName(), is_private: true });
      const channel = created.channel?.id;
      return channel ? { ok: true, channel } : { ok: false, reason: 'failed' };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'name_taken') continue;
      if (code !== undefined && NOT_ALLOWED.has(code)) return { ok: false, reason: 'not-allowed' };
      if (classifySlackError(error) === 'transient') throw error;
      return { ok: false, reason: 'failed' };
    }
  }
  return { ok: false, reason: 'failed' };
}

/** Archives a room made for a session that could not be created after all (best effort). */
export async function abandonRoom(client: WebClient, channel: string): Promise<void> {
  await client.conversations.archive({ channel }).catch(() => undefined);
}
