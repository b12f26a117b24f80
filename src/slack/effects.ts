import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Effect, Session, UserId } from '../engine/session';
import type { FormatRegistry } from '../engine/formats';
import type { Clock } from '../clock';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { MessageRef, OutboxEntry, SessionStore } from '../store/session-store';
import { timerKey, type TimerStore } from '../scheduler/timer-store';
import { classifySlackError, describeError, slackErrorCode } from './slack-errors';
import { render, type MessagePayload } from './render';
import type { Purger } from './purge';

/** How long one runner may hold a session's outbox before another instance may take over. */
const LEASE_MS = 30_000;

/** Merges repeated render effects: rendering reads the latest state, so one pass per target is enough. */
function distinct(entries: OutboxEntry[]): OutboxEntry[] {
  const seen = new Set<string>();
  const out: OutboxEntry[] = [];
  for (const entry of entries) {
    const { effect } = entry;
    const key = effect.type === 'card' || effect.type === 'phase' ? JSON.stringify(effect) : undefined;
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(entry);
  }
  return out;
}

export interface EffectRunnerDeps {
  store: SessionStore;
  timers: TimerStore;
  client: WebClient;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  purger: Purger;
  /** Identifies this process in leases. */
  instanceId: string;
  /** Called when the channel is gone (archived, bot removed): the session cannot go on there. */
  onChannelGone?: (session: Session) => Promise<void>;
  /** Called when a direct message could not reach a participant (deactivated, gone from the workspace). */
  onUserGone?: (session: Session, user: UserId) => Promise<void>;
}

/**
 * Carries out a session's committed effects against Slack and the scheduler.
 * Effects are idempotent: posts are recorded under stable keys and become
 * updates on a replay, so the outbox can be run again after a crash.
 */
export class EffectRunner {
  constructor(private readonly deps: EffectRunnerDeps) {}

  /** Runs everything waiting in the session's outbox. Returns false if another instance holds it. */
  async run(sessionId: string): Promise<boolean> {
    const { store, instanceId } = this.deps;
    if (!(await store.acquireLease(sessionId, instanceId, LEASE_MS))) return false;
    try {
      for (;;) {
        const entries = await store.outbox(sessionId);
        const last = entries[entries.length - 1];
        if (!last) return true;
        const session = await this.loadOrPurge(sessionId, entries);
        if (session === 'purged') return true;
        for (const { id, effect } of distinct(entries)) {
          if (effect.type === 'purge') {
            // The purge drops the session's content and outbox; nothing after it applies.
            if (session) await this.deps.purger.purge(session);
            return true;
          }
          if (session) await this.apply(session, effect, id);
        }
        await store.ackOutbox(sessionId, last.id);
      }
    } finally {
      await store.releaseLease(sessionId, instanceId).catch(() => undefined);
    }
  }

  /**
   * Posts the card and the current step's prompt and boards again, or updates
   * them where they still are: after the bot was let back into the channel,
   * or someone deleted one of them. Updates in place are harmless, so this
   * needs no outbox entry. 'channel-gone' when Slack still refuses the channel.
   */
  async redraw(sessionId: string): Promise<'done' | 'channel-gone' | 'missing'> {
    const session = await this.deps.store.load(sessionId);
    if (!session || session.status === 'closing') return 'missing';
    try {
      await this.applyOne(session, { type: 'card' }, 0);
      if (session.current) await this.applyOne(session, { type: 'phase', phaseId: session.current.id }, 0);
      return 'done';
    } catch (error) {
      if (classifySlackError(error) === 'channel-gone') return 'channel-gone';
      throw error;
    }
  }

  /**
   * The session, or 'purged' when it cannot be read any more and its close
   * was already decided: the messages are deleted without its content.
   */
  private async loadOrPurge(sessionId: string, entries: OutboxEntry[]): Promise<Session | null | 'purged'> {
    try {
      return await this.deps.store.load(sessionId);
    } catch (error) {
      if (!(error instanceof StoredSessionUnreadableError) || !entries.some((e) => e.effect.type === 'purge')) throw error;
      await this.deps.purger.purgeUnreadable(sessionId, 'facilitator');
      return 'purged';
    }
  }

  /** Runs one effect; `entryId` is its outbox entry's id, the same on every replay. */
  private async apply(session: Session, effect: Effect, entryId: number): Promise<void> {
    const { logger } = this.deps;
    try {
      await this.applyOne(session, effect, entryId);
    } catch (error) {
      const failure = classifySlackError(error);
      logger.warn({ sessionId: session.id, effect: effect.type, failure, error: describeError(error) }, 'effect failed');
      if (failure === 'transient') throw error; // leave the outbox for a later run
      if (failure === 'channel-gone' && this.deps.onChannelGone) await this.deps.onChannelGone(session);
      if (failure === 'user-gone' && effect.type === 'dm' && this.deps.onUserGone) await this.deps.onUserGone(session, effect.user);
      // Other permanent failures are dropped: retrying cannot help, and the session goes on.
    }
  }

  private async applyOne(session: Session, effect: Effect, entryId: number): Promise<void> {
    const { timers, registry, clock } = this.deps;
    const format = registry.require(session.formatId);
    const now = clock.now();
    switch (effect.type) {
      case 'card': {
        await this.upsert(session, 'card', session.channel, undefined, render.card(session, format, now));
        return;
      }
      case 'pointer':
        // A private room's session leaves only a content-free pointer where it was created.
        if (session.room) await this.upsert(session, 'pointer', session.room.origin, undefined, render.pointer(session, format));
        return;
      case 'room':
        await this.room(session, effect.action, effect.user);
        return;
      case 'phase': {
        const thread = await this.threadTs(session);
        if (!thread) return;
        await this.upsert(session, `phase:${effect.phaseId}`, session.channel, thread, render.prompt(session, format, effect.phaseId, now));
        const boards = render.boards(session, format, effect.phaseId, now);
        for (const [page, payload] of boards.entries()) {
          await this.upsert(session, `board:${effect.phaseId}:${page}`, session.channel, thread, payload);
        }
        return;
      }
      case 'notice': {
        const thread = await this.threadTs(session);
        if (!thread) return;
        // Keyed by the outbox entry, not the session's seq: a replay after others acted finds the same key and posts nothing.
        const key = ['notice', effect.notice, effect.phaseId ?? '', effect.user ?? '', entryId].join(':');
        await this.postOnce(session, key, session.channel, thread, render.notice(session, format, effect, now));
        return;
      }
      case 'dm': {
        const messages = await this.deps.store.messages(session.id);
        const payload = await render.dm(session, format, effect, now, (ref) => this.permalink(ref), messages.card);
        if (!payload) return;
        const opened = await this.deps.client.conversations.open({ users: effect.user });
        const channel = opened.channel?.id;
        if (!channel) return;
        if (effect.message === 'idle-closed') {
          // The notice of a close must outlive the purge, so it is not recorded for deletion.
          await this.deps.client.chat.postMessage({ channel, text: payload.text, blocks: payload.blocks });
          return;
        }
        const key = ['dm', effect.user, effect.message, effect.phaseId ?? '', effect.round ?? '', entryId].join(':');
        await this.postOnce(session, key, channel, undefined, payload);
        return;
      }
      case 'schedule':
        await timers.schedule({ sessionId: session.id, key: timerKey(effect.timer), timer: effect.timer });
        return;
      case 'cancel-timers':
        await timers.cancelAll(session.id);
        return;
      case 'purge':
        return; // handled by run()
    }
  }

  /**
   * Lets a person who agreed into the session's private room, or takes out
   * one who left. Someone already in (or already gone) is what was wanted.
   */
  private async room(session: Session, action: 'invite' | 'kick', user: UserId): Promise<void> {
    const { client } = this.deps;
    try {
      if (action === 'invite') await client.conversations.invite({ channel: session.channel, users: user });
      else await client.conversations.kick({ channel: session.channel, user });
    } catch (error) {
      const code = slackErrorCode(error);
      if (action === 'invite' && code === 'already_in_channel') return;
      if (action === 'kick' && code === 'not_in_channel') return;
      throw error;
    }
  }

  /** The thread every session message goes in: the card's. */
  private async threadTs(session: Session): Promise<string | undefined> {
    const messages = await this.deps.store.messages(session.id);
    return messages.card?.ts;
  }

  private async permalink(ref: MessageRef): Promise<string | undefined> {
    try {
      const result = await this.deps.client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts });
      return result.permalink;
    } catch {
      return undefined;
    }
  }

  /** Posts once under `key`; a replay finds the record and does nothing. */
  private async postOnce(session: Session, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const messages = await this.deps.store.messages(session.id);
    if (messages[key]) return;
    await this.post(session, key, channel, thread, payload);
  }

  /** Updates the message recorded under `key`, or posts it if there is none (or it was lost). */
  private async upsert(session: Session, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const messages = await this.deps.store.messages(session.id);
    const existing = messages[key];
    if (existing) {
      try {
        await this.deps.client.chat.update({ channel: existing.channel, ts: existing.ts, text: payload.text, blocks: payload.blocks });
        return;
      } catch (error) {
        if (classifySlackError(error) !== 'message-gone') throw error;
      }
    }
    await this.post(session, key, channel, thread, payload);
  }

  private async post(session: Session, key: string, channel: string, thread: string | undefined, payload: MessagePayload): Promise<void> {
    const result = await this.deps.client.chat.postMessage({
      channel,
      text: payload.text,
      blocks: payload.blocks,
      ...(thread ? { thread_ts: thread } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (result.ts && result.channel) {
      // Recorded at once, so close can delete it even if we crash right after.
      await this.deps.store.recordMessage(session.id, key, { channel: result.channel, ts: result.ts });
    }
  }
}
