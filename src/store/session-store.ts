import type { Effect, Language, Session } from '../engine/session';
import type { Census } from '../metrics/metrics';

/** Where the bot posted something for a session (so close can delete it). */
export interface MessageRef {
  channel: string;
  ts: string;
  /** A fingerprint of what the message shows now, so an identical drawing is not sent again. */
  shown?: string;
}

/** How a message record is kept: "channel|ts", or "channel|ts|fingerprint". */
export function encodeMessageRef(ref: MessageRef): string {
  return ref.shown ? `${ref.channel}|${ref.ts}|${ref.shown}` : `${ref.channel}|${ref.ts}`;
}

/** A kept message record, or undefined when it is not one. */
export function decodeMessageRef(value: string): MessageRef | undefined {
  const [channel, ts, shown] = value.split('|');
  if (!channel || !ts) return undefined;
  return shown ? { channel, ts, shown } : { channel, ts };
}

/** An effect waiting in a session's outbox, in commit order. */
export interface OutboxEntry {
  /** Monotonic per session; ack up to and including this id. */
  id: number;
  /** When it was committed (ms, the committing process's clock); absent in entries written before it was kept. */
  at?: number;
  effect: Effect;
}

export type CommitResult = 'committed' | 'conflict' | 'missing';

/** What is kept of a closed session while its Slack messages are being deleted: no content. */
export interface PurgeRecord {
  sessionId: string;
  channel: string;
  formatId: string;
  people: number;
  createdAt: number;
  closedAt: number;
  /** Why it closed; 'uninstalled': its workspace removed the bot, so nothing in Slack can be deleted any more. */
  reason: 'facilitator' | 'idle' | 'max-age' | 'uninstalled';
  /** `channel` is the session's private room: archived once the messages are deleted. */
  room?: boolean;
  /** The session's workspace (when workspaces install the bot themselves): whose token deletes its messages. */
  team?: string;
  /** The session's language, for the note left in its place; English for a record written before sessions had one. */
  language?: Language;
}

/** Turns a session into the stored string and back (JSON, or encrypted JSON). */
export interface SessionCodec {
  encode(session: Session): string;
  decode(stored: string): Session;
}

/**
 * Persistence of sessions, their outbox of effects, and the record of what was
 * posted to Slack. Two implementations pass the same contract tests: Redis
 * (production, several instances) and memory (one instance, no Redis).
 */
export interface SessionStore {
  /**
   * The stored session, or null. Every call returns a new object that shares
   * nothing with the store or with other calls: the caller may change it
   * (the dispatcher lets the engine decide on it in place).
   */
  load(id: string): Promise<Session | null>;
  /** Stores a new session (seq as given) with its first effects; false if the id is taken. */
  create(session: Session, effects: Effect[]): Promise<boolean>;
  /**
   * Atomically, in one step: if the stored seq equals `expectedSeq`, store `next`
   * (whose seq is expectedSeq + 1), append `effects` to the outbox, index the
   * session by channel, and refresh the TTL of every key of the session (its
   * channel index and its people's indexes included).
   */
  commit(next: Session, expectedSeq: number, effects: Effect[]): Promise<CommitResult>;
  /**
   * Ids of the active sessions in a channel, oldest first: of the workspace
   * `team` (its sessions are indexed apart, so one channel id in two
   * workspaces is two indexes), or of the one workspace when absent.
   */
  listByChannel(channel: string, team?: string): Promise<string[]>;
  /** Ids of every active session of a workspace (its channel indexes, read once: an uninstall). */
  listByTeam(team: string): Promise<string[]>;
  /** The workspace a stored session belongs to, kept beside its content and readable without it; undefined for none. */
  teamOf(id: string): Promise<string | undefined>;

  /**
   * Ids of the sessions a person is in (of the workspace `team`, or of the
   * one workspace when absent), newest first; drops entries of sessions that
   * are gone. Content-free: ids only. Kept in step with the sessions by
   * indexPeople and unindexPeople after each change is committed, so a
   * reader checks each session it loads all the same.
   */
  listByPerson(user: string, team?: string): Promise<string[]>;
  /**
   * Makes `users` the people indexed for the session: it is added to the
   * index of each of them (idempotent) and taken out of the index of anyone
   * indexed for it before who is not among them (who left, was taken off).
   * Who is indexed is kept with the session (ids only) until unindexPeople,
   * and the indexes live as long as the session's content. Returns who was
   * taken out.
   */
  indexPeople(session: Pick<Session, 'id' | 'team' | 'createdAt'>, users: readonly string[]): Promise<string[]>;
  /** Takes the session out of the index of everyone indexed for it (at its close), and forgets who they were. */
  unindexPeople(sessionId: string, team?: string): Promise<void>;
  /** Drops every person index of a workspace (it removed the bot). */
  forgetPeople(team: string): Promise<void>;

  /** Effects committed but not yet acknowledged, in order. */
  outbox(id: string): Promise<OutboxEntry[]>;
  /** Drops outbox entries up to and including `uptoId`; returns how many are left. */
  ackOutbox(id: string, uptoId: number): Promise<number>;
  /** Sessions whose outbox is not empty (run after a restart). */
  pendingSessions(): Promise<string[]>;
  /**
   * One effect runner per session at a time, across instances: a lease with
   * expiry, renewed by its holder. A lease held by one of `takeFrom`
   * (instances that stopped beating, see InstanceRegistry) is taken at once.
   */
  acquireLease(id: string, owner: string, ms: number, takeFrom?: readonly string[]): Promise<boolean>;
  /** acquireLease and outbox in one step: the outbox, or null when another runner holds the lease. */
  claimOutbox(id: string, owner: string, ms: number, takeFrom?: readonly string[]): Promise<OutboxEntry[] | null>;
  releaseLease(id: string, owner: string): Promise<void>;

  /** Remembers a message the bot posted for the session under a stable key ("card", "phase:tips", ...). */
  recordMessage(id: string, key: string, ref: MessageRef): Promise<void>;
  /** Every message recorded for the session, by key. */
  messages(id: string): Promise<Record<string, MessageRef>>;
  /** Forgets one recorded message (after it was deleted in Slack). */
  forgetMessage(id: string, key: string): Promise<void>;

  /**
   * Starts the purge of a closed session: atomically drops its content (state
   * and outbox) and keeps a content-free purge record, so deletion can resume
   * after a crash. The message record outlives the content.
   */
  beginPurge(record: PurgeRecord): Promise<void>;
  /** Purges that have begun and not finished. */
  pendingPurges(): Promise<PurgeRecord[]>;
  /** Removes every remaining key of the session (messages record, purge record, indexes). */
  finishPurge(id: string): Promise<void>;

  /**
   * Takes a Slack event by its event_id, in one atomic step: true for the
   * first caller, false for every later one (in any instance) until `ttlMs`
   * has passed. A retry carries the first delivery's event_id, over HTTP and
   * Socket Mode alike, so an event delivered twice is acted on once.
   */
  claimEvent(eventId: string, ttlMs: number): Promise<boolean>;

  /** Open sessions by format, mode and phase, and what waits in the outboxes (read for /metrics; see census.ts). */
  census(): Promise<Census>;

  /** True when the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
