/**
 * The state of one emulated workspace and the primitive changes to it. Rules
 * about who may do what live in the API handlers; this module keeps the data
 * consistent (threads, tombstones, DMs) and reports every change.
 */
import { IdSource } from './ids';
import type { ChangeEvent, EmuChannel, EmuEphemeral, EmuMessage, EmuTeam, EmuUser, EmuView, Json, ResponseTarget, TriggerRecord } from './types';

/** How long a trigger_id stays good, and how long/how often a response_url does. */
export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
export const RESPONSE_URL_MAX_USES = 5;

export interface WorkspaceOptions {
  team: EmuTeam;
  bot: { userId: string; name: string; botId: string; appId: string };
  now: () => number;
  onChange: (event: ChangeEvent) => void;
}

/** A message as content: what chat.postMessage, chat.update and response_url carry. */
export interface Content {
  text?: string;
  blocks?: Json[];
  metadata?: Json;
}

export class Workspace {
  readonly team: EmuTeam;
  readonly bot: WorkspaceOptions['bot'];
  readonly now: () => number;
  readonly ids: IdSource;
  readonly users = new Map<string, EmuUser>();
  readonly channels = new Map<string, EmuChannel>();
  readonly messages = new Map<string, EmuMessage[]>();
  readonly ephemerals: EmuEphemeral[] = [];
  /** Per user: the modal stack, bottom first. */
  readonly modals = new Map<string, EmuView[]>();
  readonly homes = new Map<string, EmuView>();
  readonly triggers = new Map<string, TriggerRecord>();
  readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly changed: (event: ChangeEvent) => void;

  constructor(options: WorkspaceOptions) {
    this.team = options.team;
    this.bot = options.bot;
    this.now = options.now;
    this.ids = new IdSource(options.now);
    this.changed = options.onChange;
    this.users.set(options.bot.userId, {
      id: options.bot.userId,
      name: options.bot.name,
      real_name: options.bot.name,
      tz: 'UTC',
      locale: 'en-US',
      is_bot: true,
      deleted: false,
      bot_id: options.bot.botId,
      app_id: options.bot.appId,
    });
  }

  /** Reports a change to listeners (the emulator's 'change' event). */
  touch(event: ChangeEvent): void {
    this.changed(event);
  }

  /** Adds or replaces a person. */
  addUser(user: Partial<EmuUser> & { id: string; name: string }): EmuUser {
    const full: EmuUser = { real_name: user.name, tz: 'UTC', locale: 'en-US', is_bot: false, deleted: false, ...user };
    this.users.set(full.id, full);
    this.touch({ kind: 'user', user: full.id });
    return full;
  }

  /** Adds a channel; `members` may include the bot's user id. */
  addChannel(channel: Partial<EmuChannel> & { id: string; name: string }): EmuChannel {
    const full: EmuChannel = {
      is_private: false,
      is_im: false,
      is_mpim: false,
      is_archived: false,
      is_general: false,
      members: [],
      created: Math.floor(this.now() / 1000),
      creator: channel.members?.[0] ?? this.bot.userId,
      ...channel,
    };
    this.channels.set(full.id, full);
    this.messages.set(full.id, this.messages.get(full.id) ?? []);
    this.touch({ kind: 'channel', channel: full.id });
    return full;
  }

  /** Finds a channel by id or by name ("#general" or "general"). */
  channel(idOrName: string): EmuChannel | undefined {
    const byId = this.channels.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.is_im && c.name === name);
  }

  /** The bot's DM with a person, opened on first use (as conversations.open does). */
  dmWith(userId: string): EmuChannel {
    const existing = [...this.channels.values()].find((c) => c.is_im && c.user === userId);
    if (existing) return existing;
    return this.addChannel({ id: this.ids.next('D'), name: userId, is_im: true, is_private: true, user: userId, members: [userId, this.bot.userId] });
  }

  /** Whether a user belongs to a channel. */
  isMember(channelId: string, userId: string): boolean {
    return this.channels.get(channelId)?.members.includes(userId) ?? false;
  }

  /** Adds a user to a channel (no-op if already in). */
  join(channelId: string, userId: string): void {
    const channel = this.channels.get(channelId);
    if (!channel || channel.members.includes(userId)) return;
    channel.members.push(userId);
    this.touch({ kind: 'channel', channel: channelId, user: userId });
  }

  /** Removes a user from a channel (no-op if not in). */
  leave(channelId: string, userId: string): void {
    const channel = this.channels.get(channelId);
    if (!channel?.members.includes(userId)) return;
    channel.members.splice(channel.members.indexOf(userId), 1);
    this.touch({ kind: 'channel', channel: channelId, user: userId });
  }

  /** Archives or unarchives a channel; its members and messages stay, as in Slack. */
  setArchived(channelId: string, archived: boolean): void {
    const channel = this.channels.get(channelId);
    if (channel) channel.is_archived = archived;
    this.touch({ kind: 'channel', channel: channelId });
  }

  /** Every message of a channel, replies included, oldest first. */
  allMessages(channelId: string): EmuMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  /** Finds a message (top level or reply) by ts. */
  findMessage(channelId: string, ts: string): EmuMessage | undefined {
    return this.allMessages(channelId).find((m) => m.ts === ts);
  }

  /** Posts a message as `userId`; a reply updates its parent's thread fields. */
  insertMessage(channelId: string, userId: string, content: Content, threadTs?: string, broadcast = false): EmuMessage {
    const author = this.users.get(userId);
    const message: EmuMessage = {
      type: 'message',
      channel: channelId,
      ts: this.ids.ts(),
      text: content.text ?? '',
      user: userId,
      team: this.team.id,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.metadata ? { metadata: content.metadata } : {}),
      ...(author?.bot_id ? { bot_id: author.bot_id, app_id: author.app_id } : {}),
    };
    if (threadTs) {
      const parent = this.findMessage(channelId, threadTs);
      if (parent) {
        message.thread_ts = parent.ts;
        message.parent_user_id = parent.user;
        if (broadcast) message.reply_broadcast = true;
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.reply_users = [...new Set([...(parent.reply_users ?? []), userId])];
        parent.latest_reply = message.ts;
      }
    }
    this.allMessages(channelId).push(message);
    this.touch({ kind: 'message', channel: channelId, ts: message.ts });
    return message;
  }

  /** Replaces a message's content (chat.update); omitted blocks keep the old ones, as Slack does. */
  updateMessage(message: EmuMessage, content: Content, editor: string): void {
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) {
      if (content.blocks.length === 0) delete message.blocks;
      else message.blocks = content.blocks;
    }
    if (content.metadata !== undefined) message.metadata = content.metadata;
    message.edited = { user: editor, ts: this.ids.ts() };
    this.touch({ kind: 'message', channel: message.channel, ts: message.ts });
  }

  /**
   * Deletes a message. A thread parent with replies left becomes a tombstone
   * ("This message was deleted."); the tombstone goes when its last reply goes.
   */
  deleteMessage(message: EmuMessage): void {
    const list = this.allMessages(message.channel);
    const isParent = message.thread_ts === message.ts && (message.reply_count ?? 0) > 0;
    if (isParent) {
      message.subtype = 'tombstone';
      message.text = 'This message was deleted.';
      message.user = 'USLACKBOT';
      delete message.blocks;
      delete message.bot_id;
      delete message.app_id;
    } else {
      list.splice(list.indexOf(message), 1);
      if (message.thread_ts && message.thread_ts !== message.ts) this.dropReply(message);
    }
    this.touch({ kind: 'message', channel: message.channel, ts: message.ts });
  }

  private dropReply(reply: EmuMessage): void {
    const parent = this.findMessage(reply.channel, reply.thread_ts ?? '');
    if (!parent) return;
    const replies = this.allMessages(reply.channel).filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
    parent.reply_count = replies.length;
    parent.reply_users = [...new Set(replies.map((m) => m.user))];
    parent.latest_reply = replies.at(-1)?.ts;
    if (replies.length === 0) {
      delete parent.latest_reply;
      if (parent.subtype === 'tombstone') {
        const list = this.allMessages(reply.channel);
        list.splice(list.indexOf(parent), 1);
      }
    }
  }

  /** Shows a message to one person only. */
  insertEphemeral(channelId: string, userId: string, content: Content, threadTs?: string): EmuEphemeral {
    const ephemeral: EmuEphemeral = {
      id: this.ids.next('E'),
      channel: channelId,
      user: userId,
      ts: this.ids.ts(),
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    this.ephemerals.push(ephemeral);
    this.touch({ kind: 'ephemeral', channel: channelId, user: userId, ts: ephemeral.ts });
    return ephemeral;
  }

  /** Replaces (content given) or removes (undefined) an ephemeral message. */
  changeEphemeral(id: string, content: Content | undefined): boolean {
    const index = this.ephemerals.findIndex((e) => e.id === id);
    const ephemeral = this.ephemerals[index];
    if (!ephemeral) return false;
    if (content === undefined) this.ephemerals.splice(index, 1);
    else {
      ephemeral.text = content.text ?? '';
      if (content.blocks) ephemeral.blocks = content.blocks;
      else delete ephemeral.blocks;
    }
    this.touch({ kind: 'ephemeral', channel: ephemeral.channel, user: ephemeral.user, ts: ephemeral.ts });
    return true;
  }

  /** Issues a trigger_id for an interaction by `userId`, made while looking at `conversation` (if any). */
  issueTrigger(userId: string, conversation?: string): string {
    const id = this.ids.trigger();
    this.triggers.set(id, { id, user: userId, issuedAt: this.now(), used: false, ...(conversation ? { conversation } : {}) });
    return id;
  }

  /** Spends a trigger_id: the user it belongs to (and the conversation they were in), or the Slack error. */
  redeemTrigger(id: string): { user: string; conversation?: string } | { error: string } {
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { user: trigger.user, ...(trigger.conversation ? { conversation: trigger.conversation } : {}) };
  }

  /** Issues a response_url target; the emulator turns the id into a URL. */
  issueResponseTarget(target: Omit<ResponseTarget, 'id' | 'issuedAt' | 'uses'>): ResponseTarget {
    const full: ResponseTarget = { ...target, id: this.ids.trigger().replace(/\./g, '-'), issuedAt: this.now(), uses: 0 };
    this.responseTargets.set(full.id, full);
    return full;
  }

  /** The user's modal stack (bottom first); empty when no modal is open. */
  modalStack(userId: string): EmuView[] {
    const stack = this.modals.get(userId) ?? [];
    this.modals.set(userId, stack);
    return stack;
  }

  /** Finds a view (modal anywhere in a stack, or a Home tab) by id or external_id. */
  findView(key: { id?: string; externalId?: string }): EmuView | undefined {
    const all = [...[...this.modals.values()].flat(), ...this.homes.values()];
    return all.find((v) => (key.id !== undefined && v.id === key.id) || (key.externalId !== undefined && key.externalId !== '' && v.external_id === key.externalId));
  }
}
