/**
 * The emulated workspace's state, as plain records. Field names follow Slack's
 * JSON so a record can be handed out in an API answer with little reshaping.
 */

export type Json = Record<string, unknown>;

export interface EmuTeam {
  id: string;
  name: string;
  domain: string;
}

export interface EmuUser {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  /** The person's Slack language ("en-US", "de-DE"), as users.info returns it with include_locale. */
  locale: string;
  is_bot: boolean;
  /** Deactivated accounts keep their id; Slack reports them with deleted: true. */
  deleted: boolean;
  /** Only for the bot user. */
  bot_id?: string;
  app_id?: string;
}

export interface EmuChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_archived: boolean;
  /** The workspace's #general: nobody can leave it, be removed from it, or archive it. */
  is_general: boolean;
  members: string[];
  created: number;
  creator: string;
  /** For a DM: the person the bot talks to. */
  user?: string;
}

/** A message in a channel, a thread, or a DM (ephemeral messages live apart). */
export interface EmuMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  blocks?: Json[];
  metadata?: Json;
  /** Who posted it: the bot user or a person. */
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  /** A thread parent deleted while replies remain shows as a tombstone. */
  subtype?: 'tombstone';
}

/** A message only one person sees, until they reload; replaced or removed only through a response_url. */
export interface EmuEphemeral {
  id: string;
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: Json[];
}

/** A modal or Home tab view, in Slack's view shape (plus the user it belongs to). */
export interface EmuView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  user: string;
  title?: Json;
  submit?: Json;
  close?: Json;
  blocks: Json[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  app_installed_team_id: string;
}

/** view.state.values: block_id -> action_id -> the element's value in Slack's shape. */
export type StateValues = Record<string, Record<string, Json>>;

/** What a response_url acts on. */
export interface ResponseTarget {
  id: string;
  user: string;
  channel: string;
  /** The message the interaction came from, if any (slash commands have none). */
  source?: { kind: 'message'; ts: string } | { kind: 'ephemeral'; id: string };
  thread_ts?: string;
  issuedAt: number;
  uses: number;
}

export interface TriggerRecord {
  id: string;
  user: string;
  issuedAt: number;
  used: boolean;
  /** The conversation the person was looking at (a command's or a message's channel, where a shortcut was used), for default_to_current_conversation. */
  conversation?: string;
}

/** The answer of a Web API method, as Slack sends it. */
export type ApiBody = { ok: boolean } & Json;

/** What the emulator reports as a state change, for live views such as the playground. */
export interface ChangeEvent {
  kind: 'message' | 'ephemeral' | 'view' | 'home' | 'channel' | 'user';
  channel?: string;
  user?: string;
  ts?: string;
}

/** Something Slack would have refused or shown as an error; tests expect none. */
export interface Violation {
  source: string;
  error: string;
  details: string[];
  at: number;
}
