/**
 * A post Slack may have made although its record never reached the store:
 * the process was killed (or lost Redis for good) after Slack answered and
 * before the message's ts was recorded. Before each post into a channel the
 * bot records an intent (where, and a random mark), and sends the mark as the
 * message's metadata. A later run that finds the intent but no record looks
 * for the mark in the channel or thread, and takes the message it finds as
 * the one it posted, instead of posting a second. The mark is random and
 * says nothing of the session or its people.
 */
import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { MessageRef } from '../../store/session-store';
import { classifySlackError } from '../slack-errors';

/** Record keys of intents: `posting:<key>`. Not messages: close deletes nothing for them. */
export const INTENT_PREFIX = 'posting:';
/** The metadata event type of the bot's posts. */
export const POST_EVENT = 'intervision_post';
/** The thread of an intent for a top-level message. */
const TOP_LEVEL = '-';
/** Pages read looking for a mark: the message was posted moments after its intent, so it is among the first. */
const MAX_PAGES = 5;
/** How far before the intent's time the search starts (clocks of Slack and the bot differ a little). */
const CLOCK_SLACK_S = 30;

/** An intent to post: where, and the mark the message carries. */
export interface PostIntent {
  channel: string;
  thread: string | undefined;
  mark: string;
}

/**
 * Whether a post into `channel` can be looked for later: channels the bot
 * reads (public and private ones). Direct messages cannot be read back with
 * the bot's scopes, so they carry no intent.
 */
export function findable(channel: string): boolean {
  return channel.startsWith('C') || channel.startsWith('G');
}

/** A new intent; its mark starts with the time in ms (base 36), so a search knows where to begin. */
export function newIntent(channel: string, thread: string | undefined, now = Date.now()): PostIntent {
  return { channel, thread, mark: `${now.toString(36)}-${randomBytes(8).toString('hex')}` };
}

/** How an intent is kept in the message record (as a MessageRef, under `posting:<key>`). */
export function intentRef(intent: PostIntent): MessageRef {
  return { channel: intent.channel, ts: intent.thread ?? TOP_LEVEL, shown: intent.mark };
}

/** The intent kept as `ref`, if it is one. */
export function intentOf(ref: MessageRef | undefined): PostIntent | undefined {
  if (!ref?.shown) return undefined;
  return { channel: ref.channel, thread: ref.ts === TOP_LEVEL ? undefined : ref.ts, mark: ref.shown };
}

/** The metadata a post carries for `intent`. */
export function markMetadata(intent: PostIntent): { event_type: string; event_payload: { mark: string } } {
  return { event_type: POST_EVENT, event_payload: { mark: intent.mark } };
}

/** Slack's oldest bound for the search: a little before the intent was made. */
function oldest(mark: string): string | undefined {
  const ms = Number.parseInt(mark.split('-')[0] ?? '', 36);
  return Number.isFinite(ms) ? String(Math.max(0, Math.floor(ms / 1000) - CLOCK_SLACK_S)) : undefined;
}

interface Page {
  messages?: Array<{ ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }>;
  response_metadata?: { next_cursor?: string };
}

/**
 * The message Slack shows with the intent's mark, or undefined when there is
 * none (never posted) or it cannot be looked up for good (no such channel or
 * scope: then the caller posts, as a message twice is better than a step never
 * shown). Throws while Slack is busy or away, so the effect runs again later
 * rather than guessing.
 */
export async function findEarlierPost(client: WebClient, intent: PostIntent): Promise<MessageRef | undefined> {
  const since = oldest(intent.mark);
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const args = { channel: intent.channel, include_all_metadata: true, limit: 200, ...(since ? { oldest: since } : {}), ...(cursor ? { cursor } : {}) };
      const found: Page = intent.thread
        ? await client.conversations.replies({ ...args, ts: intent.thread })
        : await client.conversations.history(args);
      const hit = (found.messages ?? []).find((m) => m.metadata?.event_type === POST_EVENT && m.metadata.event_payload?.mark === intent.mark);
      if (hit?.ts) return { channel: intent.channel, ts: hit.ts };
      cursor = found.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
  } catch (error) {
    if (classifySlackError(error) === 'transient') throw error;
    return undefined;
  }
  return undefined;
}
