import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { isStoreUnavailable } from '../../store/errors';
import type { MessageRef, SessionStore } from '../../store/session-store';
import { classifySlackError } from '../slack-errors';
import type { CallBudget } from '../budget';
import type { MessagePayload } from './render';
import { INTENT_PREFIX, findEarlierPost, findable, intentOf, intentRef, markMetadata, newIntent } from './earlier-post';

/** A short fingerprint of what a message shows. */
function fingerprint(payload: MessagePayload): string {
  return createHash('sha1').update(JSON.stringify(payload)).digest('base64');
}

/**
 * One session's messages in Slack during one batch of effects (its runner
 * holds the session's lease). Each is recorded under a stable key the moment
 * it is posted, so a replay updates instead of posting twice and close can
 * delete every one of them. The record keeps a fingerprint of what each
 * message shows, so a message is updated only when what it shows changed,
 * whichever instance drew it last. The record is read once per batch.
 */
/** How often a posted message's record is tried again while Redis is away (about 30 s in all). */
const RECORD_ATTEMPTS = 20;

/** Where posts are recorded: a session's store, or a group's (the same two calls). */
export type MessageRecords = Pick<SessionStore, 'messages' | 'recordMessage'>;

export class SessionPosts {
  private readonly links = new Map<string, Promise<string | undefined>>();

  private constructor(
    private readonly store: MessageRecords,
    private readonly client: WebClient,
    private readonly sessionId: string,
    private readonly record: Record<string, MessageRef>,
    private readonly budget: CallBudget | undefined,
  ) {}

  /** The session's messages; `budget` paces chat.update within the workspace's rate limit (none: unpaced). */
  static async open(store: MessageRecords, client: WebClient, sessionId: string, budget?: CallBudget): Promise<SessionPosts> {
    return new SessionPosts(store, client, sessionId, await store.messages(sessionId), budget);
  }

  /** The thread every session message goes in: the card's. */
  thread(): string | undefined {
    return this.record.card?.ts;
  }

  /** Whether a message is recorded under `key`. */
  has(key: string): boolean {
    return this.record[key] !== undefined;
  }

  /** Where the session's card is. */
  card(): MessageRef | undefined {
    return this.record.card;
  }

  /** The messages recorded under keys that start with `prefix` (e.g. "dm:"), by key. */
  recorded(prefix: string): Array<[key: string, ref: MessageRef]> {
    return Object.entries(this.record).filter(([key]) => key.startsWith(prefix));
  }

  /** A link to a message, or undefined when Slack gives none; asked once per message in a batch. */
  permalink(ref: MessageRef): Promise<string | undefined> {
    const key = `${ref.channel}|${ref.ts}`;
    let link = this.links.get(key);
    if (!link) {
      link = this.client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }).then(
        (result) => result.permalink,
        () => undefined,
      );
      this.links.set(key, link);
    }
    return link;
  }

  /** Posts once under `key`; a replay finds the record and does nothing. */
  async postOnce(key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    if (this.record[key]) return;
    await this.post(key, channel, thread, payload);
  }

  /**
   * Updates the message recorded under `key` when what it shows changed
   * (`force`: whatever it shows, e.g. after someone deleted it), or posts it
   * if there is none (or it was lost).
   */
  async upsert(key: string, channel: string, thread: string | undefined, payload: MessagePayload, force = false): Promise<void> {
    const existing = this.record[key];
    if (existing && (await this.update(key, existing, payload, force))) return;
    await this.post(key, channel, thread, payload);
  }

  /** False when the message is gone. */
  private async update(key: string, ref: MessageRef, payload: MessagePayload, force: boolean): Promise<boolean> {
    const shown = fingerprint(payload);
    if (!force && ref.shown === shown) return true;
    // The step people act on goes first; the card and later board pages may wait.
    await this.budget?.take(key.startsWith('phase:') || key.endsWith(':0') ? 'high' : 'low');
    try {
      await this.client.chat.update({ channel: ref.channel, ts: ref.ts, text: payload.text, blocks: payload.blocks });
    } catch (error) {
      if (classifySlackError(error) !== 'message-gone') throw error;
      return false;
    }
    await this.remember(key, { channel: ref.channel, ts: ref.ts, shown });
    return true;
  }

  private async post(key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    if (await this.adoptEarlierPost(key, payload)) return;
    // Where it goes and a random mark, recorded first: if we die before the ts is, the next run finds the mark in Slack.
    const intent = findable(channel) ? newIntent(channel, thread) : undefined;
    if (intent) await this.remember(`${INTENT_PREFIX}${key}`, intentRef(intent));
    const result = await this.client.chat.postMessage({
      channel,
      text: payload.text,
      blocks: payload.blocks,
      ...(thread ? { thread_ts: thread } : {}),
      ...(intent ? { metadata: markMetadata(intent) } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    // Recorded at once, so close can delete it even if we crash right after; patiently, as the post cannot be taken back.
    if (result.ts && result.channel) await this.rememberPosted(key, { channel: result.channel, ts: result.ts, shown: fingerprint(payload) });
  }

  /**
   * An earlier run recorded its intent to post under `key` but not the
   * message: it may have died just after Slack posted it. If Slack shows the
   * message, it becomes the record and is brought up to date (true);
   * otherwise the caller posts.
   */
  private async adoptEarlierPost(key: string, payload: MessagePayload): Promise<boolean> {
    const intent = this.record[key] ? undefined : intentOf(this.record[`${INTENT_PREFIX}${key}`]);
    if (!intent) return false;
    const found = await findEarlierPost(this.client, intent);
    if (!found) return false;
    await this.rememberPosted(key, found);
    return this.update(key, found, payload, true);
  }

  /**
   * Records a message Slack has just posted. If Redis is away at that moment,
   * the record is tried again for a while (Redis restarting takes seconds)
   * rather than given up: an effect whose post is not recorded runs again
   * and posts a second message, which close would not know to delete.
   */
  private async rememberPosted(key: string, ref: MessageRef): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.remember(key, ref);
        return;
      } catch (error) {
        if (!isStoreUnavailable(error) || attempt >= RECORD_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
      }
    }
  }

  private async remember(key: string, ref: MessageRef): Promise<void> {
    await this.store.recordMessage(this.sessionId, key, ref);
    this.record[key] = ref;
  }
}
