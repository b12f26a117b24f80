import type { WebClient } from '@slack/web-api';
import type { MessageRef, SessionStore } from '../../store/session-store';
import type { MessagePayload } from './render';
import { classifySlackError } from '../slack-errors';

/**
 * The session's messages in Slack, each recorded under a stable key the
 * moment it is posted, so a replay updates instead of posting twice and
 * close can delete every one of them.
 */
export class Posts {
  constructor(
    private readonly store: SessionStore,
    private readonly client: WebClient,
  ) {}

  /** The thread every session message goes in: the card's. */
  async thread(sessionId: string): Promise<string | undefined> {
    return (await this.store.messages(sessionId)).card?.ts;
  }

  /** Where the session's card is. */
  async card(sessionId: string): Promise<MessageRef | undefined> {
    return (await this.store.messages(sessionId)).card;
  }

  /** A link to a message, or undefined when Slack gives none. */
  async permalink(ref: MessageRef): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts });
      return result.permalink;
    } catch {
      return undefined;
    }
  }

  /** Posts once under `key`; a replay finds the record and does nothing. */
  async postOnce(sessionId: string, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const messages = await this.store.messages(sessionId);
    if (messages[key]) return;
    await this.post(sessionId, key, channel, thread, payload);
  }

  /** Updates the message recorded under `key`, or posts it if there is none (or it was lost). */
  async upsert(sessionId: string, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const existing = (await this.store.messages(sessionId))[key];
    if (existing) {
      try {
        await this.client.chat.update({ channel: existing.channel, ts: existing.ts, text: payload.text, blocks: payload.blocks });
        return;
      } catch (error) {
        if (classifySlackError(error) !== 'message-gone') throw error;
      }
    }
    await this.post(sessionId, key, channel, thread, payload);
  }

  private async post(sessionId: string, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const result = await this.client.chat.postMessage({
      channel,
      text: payload.text,
      blocks: payload.blocks,
      ...(thread ? { thread_ts: thread } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (result.ts && result.channel) {
      // Recorded at once, so close can delete it even if we crash right after.
      await this.store.recordMessage(sessionId, key, { channel: result.channel, ts: result.ts });
    }
  }
}
