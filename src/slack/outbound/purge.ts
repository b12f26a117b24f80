import type { CallBudget } from '../budget';
import type { WebClient } from '@slack/web-api';
import { WorkspaceGoneError, type WorkspaceAccess } from '../install/workspace-access';
import type { Logger } from 'pino';
import { languageOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import type { Eraser } from '../../service/ports';
import type { FormatRegistry } from '../../engine/formats';
import type { PurgeRecord, SessionStore } from '../../store/session-store';
import { classifySlackError, describeError, slackErrorCode } from '../slack-errors';
import { render } from './render';
import { localFormat } from '../../i18n/formats';
import { INTENT_PREFIX } from './earlier-post';
import type { Clock } from '../../clock';
import { participants } from '../../engine/queries';
import type { HomeTabs } from './homes';

export interface PurgerDeps {
  store: SessionStore;
  /** Each session's workspace: its client, its bot user (to find its messages in a thread), its chat.update budget. */
  access: WorkspaceAccess;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  /** Told once a session's content is dropped, so its people's App Homes stop listing it. */
  homes?: Pick<HomeTabs, 'changed'>;
}

/** A session's workspace, as a purge reaches it. */
interface Slack {
  client: WebClient;
  team: string | undefined;
  /** The chat.update budget the session's other updates spend (none: unpaced). */
  updates: CallBudget | undefined;
}

/**
 * Closing a session: the presenter's private copy (if they kept the choice
 * on), then the content is dropped from the store, every message the bot
 * posted is deleted, and the card becomes a content-free note. Each step is
 * safe to repeat, so a purge interrupted by a crash resumes from its record
 * (the session service's sweep calls finish again). The service's Eraser port.
 */
/** Keys under which the pages of the presenter's copy are recorded as sent (never deleted at close). */
const COPY_PREFIX = 'copy:';

export class Purger implements Eraser {
  constructor(private readonly deps: PurgerDeps) {}

  /** Purges a session whose close was committed. */
  async purge(session: Session): Promise<void> {
    const { store, logger, clock } = this.deps;
    const format = this.deps.registry.get(session.formatId);
    const slack = await this.slackOf(session.team);
    if (slack && session.settings.presenterCopy && format) {
      await this.sendPresenterCopy(slack, session);
    }
    const record: PurgeRecord = {
      sessionId: session.id,
      channel: session.channel,
      formatId: session.formatId,
      people: new Set([session.facilitator, ...(session.presenter !== undefined ? [session.presenter] : []), ...session.members]).size,
      createdAt: session.createdAt,
      closedAt: session.closing?.at ?? clock.now(),
      reason: session.closing?.reason ?? 'facilitator',
      ...(session.room ? { room: true } : {}),
      ...(session.team ? { team: session.team } : {}),
      language: languageOf(session),
    };
    await store.beginPurge(record);
    this.deps.homes?.changed(session, participants(session));
    logger.info({ sessionId: session.id, reason: record.reason }, 'session content dropped from the store; deleting messages');
    await this.finish(record);
  }

  /**
   * Purges a session whose stored content cannot be read (the encryption key
   * it was written with is gone): no presenter copy and no people count are
   * possible, but every message recorded for it is deleted all the same and
   * the card becomes a note without details, dated by the card itself.
   */
  async purgeUnreadable(sessionId: string, reason: PurgeRecord['reason']): Promise<void> {
    const { store, logger, clock } = this.deps;
    const messages = await store.messages(sessionId);
    const team = await store.teamOf(sessionId);
    const card = messages.card;
    const postedAt = card ? Math.round(Number(card.ts) * 1000) : Number.NaN;
    const record: PurgeRecord = {
      sessionId,
      channel: card?.channel ?? Object.values(messages)[0]?.channel ?? '',
      formatId: '',
      people: 0,
      createdAt: Number.isFinite(postedAt) ? postedAt : clock.now(),
      closedAt: clock.now(),
      reason,
      ...(team ? { team } : {}),
    };
    await store.beginPurge(record);
    logger.warn({ sessionId, reason }, 'a session that cannot be read was closed; deleting its messages');
    await this.finish(record);
  }

  /** Deletes what is left of a purge that has begun (also after a restart). */
  async finish(record: PurgeRecord): Promise<void> {
    const { store, logger } = this.deps;
    const slack = await this.slackOf(record.team);
    if (!slack) {
      // Its workspace removed the bot: nothing there can be deleted any more, so only the stored records go.
      await store.finishPurge(record.sessionId);
      logger.info({ sessionId: record.sessionId }, "session purged from the store; its workspace no longer has the bot, so its messages stay in Slack");
      return;
    }
    const messages = await store.messages(record.sessionId);
    const card = messages.card;
    let failed = 0;
    for (const [key, ref] of Object.entries(messages)) {
      // The presenter's copy is theirs to keep; the card and the pointer become the note.
      // Intents are not messages (a message posted under one was adopted when its effect ran again, or lies in the thread).
      if (key === 'card' || key === 'pointer' || key.startsWith(COPY_PREFIX) || key.startsWith(INTENT_PREFIX)) continue;
      if (await this.deleteMessage(slack, ref.channel, ref.ts)) {
        await store.forgetMessage(record.sessionId, key);
      } else {
        failed += 1;
      }
    }
    if (card) failed += await this.sweepThread(slack, record, card.channel, card.ts);
    // The card, and a private room's pointer where the session was created, become the content-free note.
    for (const ref of [card, messages.pointer]) {
      if (ref) failed += await this.leaveNote(slack, record, ref);
    }
    if (failed === 0 && record.room) failed += await this.archiveRoom(slack, record);
    if (failed > 0) {
      // Left for the next sweep: the record and the remaining message refs stay.
      logger.warn({ sessionId: record.sessionId, remaining: failed }, 'purge incomplete; will resume');
      throw new Error('purge incomplete');
    }
    await store.finishPurge(record.sessionId);
    logger.info({ sessionId: record.sessionId }, 'session purged');
  }

  /** Replaces a message with the content-free close note; 1 when it must be tried again, else 0. */
  private async leaveNote(slack: Slack, record: PurgeRecord, ref: { channel: string; ts: string }): Promise<number> {
    try {
      const note = render.closeNote(record, this.deps.registry.get(record.formatId));
      await slack.updates?.take('low');
      await slack.client.chat.update({ channel: ref.channel, ts: ref.ts, text: note.text, blocks: note.blocks });
      return 0;
    } catch (error) {
      if (classifySlackError(error) === 'transient') return 1;
      this.deps.logger.warn({ sessionId: record.sessionId, error: describeError(error) }, 'could not replace a message with the note');
      return 0;
    }
  }

  /**
   * Archives a session's private room once its messages are gone: nobody can
   * post in it again, and a bot token cannot delete a channel. Already
   * archived (or gone) is what was wanted.
   */
  private async archiveRoom(slack: Slack, record: PurgeRecord): Promise<number> {
    try {
      await slack.client.conversations.archive({ channel: record.channel });
      return 0;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'already_archived' || classifySlackError(error) === 'channel-gone') return 0;
      if (classifySlackError(error) === 'transient') return 1;
      this.deps.logger.warn({ sessionId: record.sessionId, error: describeError(error) }, 'could not archive the private room');
      return 0;
    }
  }

  /** True when the message is gone (deleted now or before). */
  private async deleteMessage(slack: Slack, channel: string, ts: string): Promise<boolean> {
    try {
      await slack.client.chat.delete({ channel, ts });
      return true;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure === 'message-gone' || failure === 'channel-gone') return true; // nothing left we can delete
      this.deps.logger.warn({ error: describeError(error) }, 'message delete failed');
      return false;
    }
  }

  /**
   * Deletes any other bot message in the session's thread: one posted just
   * before a crash, before its ts was recorded. Returns the number of failures.
   */
  private async sweepThread(slack: Slack, record: PurgeRecord, channel: string, threadTs: string): Promise<number> {
    const botUser = await this.deps.access.botUserId(slack.team);
    if (!botUser) return 0;
    let failed = 0;
    let cursor: string | undefined;
    do {
      let page;
      try {
        page = await slack.client.conversations.replies({ channel, ts: threadTs, limit: 200, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        if (classifySlackError(error) === 'transient') return failed + 1;
        return failed; // channel gone or thread gone: nothing to sweep
      }
      for (const message of page.messages ?? []) {
        if (!message.ts || message.ts === threadTs || message.user !== botUser) continue;
        if (!(await this.deleteMessage(slack, channel, message.ts))) failed += 1;
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    if (failed === 0) this.deps.logger.debug({ sessionId: record.sessionId }, 'thread swept');
    return failed;
  }

  private async sendPresenterCopy(slack: Slack, session: Session): Promise<void> {
    // A group's meeting closed before it chose a case has no presenter to send a copy to.
    if (session.presenter === undefined) return;
    // The copy is in the session's language, the format's words too.
    const format = localFormat(this.deps.registry.require(session.formatId), languageOf(session));
    try {
      const opened = await slack.client.conversations.open({ users: session.presenter });
      const channel = opened.channel?.id;
      if (!channel) return;
      const sent = await this.deps.store.messages(session.id);
      for (const [n, page] of render.presenterCopy(session, format).entries()) {
        // A purge run again (a crash, Redis away) does not send the presenter a page twice.
        const key = `${COPY_PREFIX}${n}`;
        if (sent[key]) continue;
        const posted = await slack.client.chat.postMessage({ channel, text: page.text, blocks: page.blocks, unfurl_links: false });
        if (posted.ts) await this.deps.store.recordMessage(session.id, key, { channel, ts: posted.ts });
      }
    } catch (error) {
      const failure = classifySlackError(error);
      this.deps.logger.warn({ sessionId: session.id, error: describeError(error) }, 'presenter copy not sent');
      if (failure === 'transient') throw error; // retry the whole purge later; content is still there
    }
  }

  /** The session's workspace; undefined when it no longer has the bot (nothing in its Slack can be reached). */
  private async slackOf(team: string | undefined): Promise<Slack | undefined> {
    try {
      return { client: await this.deps.access.client(team), team, updates: this.deps.access.updates(team) };
    } catch (error) {
      if (error instanceof WorkspaceGoneError) return undefined;
      throw error;
    }
  }
}
