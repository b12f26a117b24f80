import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import type { Format } from '../../engine/formats/schema';
import type { Effect, Session, UserId } from '../../engine/session';
import type { Delivery, Outbound, OutboundEffect } from '../../service/ports';
import type { SessionStore } from '../../store/session-store';
import { WorkspaceGoneError, type WorkspaceAccess } from '../install/workspace-access';
import { participants } from '../../engine/queries';
import type { HomeTabs } from './homes';
import { SessionPosts } from './posts';
import { render } from './render';
import { langOf } from '../../i18n';
import { localFormat } from '../../i18n/formats';
import { postTurnNote, refreshSentDms } from './sent-dms';
import { classifySlackError, describeError, slackErrorCode } from '../slack-errors';

export interface SlackOutboundDeps {
  store: SessionStore;
  /** The Web API client of each session's workspace (and its chat.update budget). */
  access: WorkspaceAccess;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  /** Called when the channel is gone (archived, bot removed): the session cannot go on there. */
  onChannelGone?: (session: Session) => Promise<void>;
  /** Called when a direct message could not reach a participant (deactivated, gone from the workspace). */
  onUserGone?: (session: Session, user: UserId) => Promise<void>;
  /** Told when a session's card or step was drawn again, so its people's App Homes follow (homes.ts). */
  homes?: Pick<HomeTabs, 'changed'>;
}

/** What drawing one effect needs. */
interface Drawing {
  session: Session;
  format: Format;
  now: number;
  entryId: number;
  posts: SessionPosts;
  /** The session's workspace's client. */
  client: WebClient;
  /** Update even what looks unchanged (a redraw after someone deleted a message). */
  force?: boolean;
}

/**
 * The session service's Outbound port in Slack: cards, prompts, boards,
 * notices and direct messages posted or updated, private rooms joined and
 * left. Idempotent: posts are recorded under stable keys (see Posts).
 */
export class SlackOutbound implements Outbound {
  constructor(private readonly deps: SlackOutboundDeps) {}

  /** The session's format in the session's language: everything drawn for it speaks it. */
  private formatOf(session: Session): Format {
    return localFormat(this.deps.registry.require(session.formatId), langOf(session));
  }

  async deliver(session: Session, batch: readonly Delivery[]): Promise<void> {
    if (batch.length === 0) return;
    const client = await this.clientOf(session);
    if (!client) return;
    const posts = await SessionPosts.open(this.deps.store, client, session.id, this.deps.access.updates(session.team));
    const format = this.formatOf(session);
    try {
      for (const { effect, entryId } of batch) await this.deliverOne(effect, { session, format, now: this.deps.clock.now(), entryId, posts, client });
    } finally {
      this.tellHomes(session, batch);
    }
  }

  /** A change people see (the card or a step drawn again) refreshes their App Homes. */
  private tellHomes(session: Session, batch: readonly Delivery[]): void {
    if (batch.some(({ effect }) => effect.type === 'card' || effect.type === 'phase')) this.deps.homes?.changed(session, participants(session));
  }

  /** People no longer in the session: their App Homes drop it. */
  left(session: Session, users: readonly UserId[]): void {
    this.deps.homes?.changed(session, users);
  }

  /** The session's workspace's client; undefined when the workspace no longer has the bot (its effects are dropped: nothing can reach it). */
  private async clientOf(session: Session): Promise<WebClient | undefined> {
    try {
      return await this.deps.access.client(session.team);
    } catch (error) {
      if (!(error instanceof WorkspaceGoneError)) throw error;
      this.deps.logger.warn({ sessionId: session.id, team: session.team }, "the session's workspace no longer has the bot: its effects are dropped");
      return undefined;
    }
  }

  private async deliverOne(effect: OutboundEffect, drawing: Drawing): Promise<void> {
    const { session } = drawing;
    try {
      await this.draw(effect, drawing);
    } catch (error) {
      const failure = classifySlackError(error);
      this.deps.logger.warn({ sessionId: session.id, effect: effect.type, failure, error: describeError(error) }, 'effect failed');
      if (failure === 'transient') throw error; // left in the outbox for a later run
      if (failure === 'channel-gone') await this.deps.onChannelGone?.(session);
      if (failure === 'user-gone' && effect.type === 'dm') await this.deps.onUserGone?.(session, effect.user);
      // Other permanent failures are dropped: retrying cannot help, and the session goes on.
    }
  }

  /**
   * Posts the card and the current step's prompt and boards again, or updates
   * them where they still are: after the bot was let back into the channel,
   * or someone deleted one of them. Updates in place are harmless, so this
   * needs no outbox entry.
   */
  async redraw(session: Session): Promise<'done' | 'channel-gone'> {
    const client = await this.deps.access.client(session.team);
    const posts = await SessionPosts.open(this.deps.store, client, session.id, this.deps.access.updates(session.team));
    const drawing = { session, format: this.formatOf(session), now: this.deps.clock.now(), entryId: 0, posts, client, force: true };
    try {
      await this.draw({ type: 'card' }, drawing);
      if (session.selection) await this.draw({ type: 'selection' }, drawing);
      if (session.current) await this.draw({ type: 'phase', phaseId: session.current.id }, drawing);
      return 'done';
    } catch (error) {
      if (classifySlackError(error) === 'channel-gone') return 'channel-gone';
      throw error;
    }
  }

  private async draw(effect: OutboundEffect, d: Drawing): Promise<void> {
    const { session, format, now, posts, force } = d;
    switch (effect.type) {
      case 'card':
        return posts.upsert('card', session.channel, undefined, render.card(session, format, now), force);
      case 'pointer':
        // A private room's session leaves only a content-free pointer where it was created.
        if (session.room) await posts.upsert('pointer', session.room.origin, undefined, render.pointer(session, format), force);
        return;
      case 'room':
        return this.room(d.client, session, effect.action, effect.user);
      case 'phase':
        return this.phase(effect.phaseId, d);
      case 'selection': {
        // A group's meeting chooses its case in the thread, before the format's first step.
        const thread = posts.thread();
        if (thread) await posts.upsert('selection', session.channel, thread, render.selection(session, format), force);
        return;
      }
      case 'notice':
        return this.notice(effect, d);
      case 'dm':
        return this.dm(effect, d);
    }
  }

  /** The step's prompt and, for rounds, its boards, in the thread. */
  private async phase(phaseId: string, { session, format, now, posts, force }: Drawing): Promise<void> {
    const thread = posts.thread();
    if (!thread) return;
    const separateBoard = posts.has(`board:${phaseId}:0`);
    for (const { key, payload } of render.step(session, format, phaseId, now, separateBoard)) {
      await posts.upsert(key, session.channel, thread, payload, force);
    }
    // Reminders and turn messages sent about this phase follow it: a new deadline, a closed round (sent-dms.ts).
    await refreshSentDms(session, format, phaseId, posts);
  }

  private async notice(effect: Extract<Effect, { type: 'notice' }>, { session, format, now, entryId, posts }: Drawing): Promise<void> {
    const thread = posts.thread();
    if (!thread) return;
    // Keyed by the outbox entry, not the session's seq: a replay after others acted finds the same key and posts nothing.
    const key = ['notice', effect.notice, effect.phaseId ?? '', effect.user ?? '', entryId].join(':');
    await posts.postOnce(key, session.channel, thread, render.notice(session, format, effect, now));
  }

  private async dm(effect: Extract<Effect, { type: 'dm' }>, { session, format, now, entryId, posts, client }: Drawing): Promise<void> {
    // A live turn is announced by a note in the thread, unless the person chose a direct message (sent-dms.ts).
    if (effect.message === 'your-turn' && (await postTurnNote(client, session, format, effect, posts, now))) return;
    const payload = await render.dm(session, format, effect, now, (ref) => posts.permalink(ref), posts.card());
    if (!payload) return;
    const opened = await client.conversations.open({ users: effect.user });
    const channel = opened.channel?.id;
    if (!channel) return;
    if (effect.message === 'idle-closed') {
      // The notice of a close must outlive the purge, so it is not recorded for deletion.
      await client.chat.postMessage({ channel, text: payload.text, blocks: payload.blocks });
      return;
    }
    const key = ['dm', effect.user, effect.message, effect.phaseId ?? '', effect.round ?? '', entryId].join(':');
    await posts.postOnce(key, channel, undefined, payload);
  }

  /**
   * Lets a person who agreed into the session's private room, or takes out
   * one who left. Someone already in (or already gone) is what was wanted.
   */
  private async room(client: WebClient, session: Session, action: 'invite' | 'kick', user: UserId): Promise<void> {
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
}
