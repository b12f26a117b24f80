/**
 * Key names. Every key of one session carries the hash tag {session:<id>}, so
 * on Redis Cluster they live in one slot and a single Lua script may touch
 * them all. Keys shared by many sessions (channel index, purging set) and
 * event claims live in other slots and are never passed to the same script as
 * a session's keys.
 */
export interface SessionKeys {
  /** Hash: seq, data (the codec string). */
  state: string;
  /** List of JSON outbox entries, oldest first. */
  outbox: string;
  /** Counter for outbox entry ids (kept while the session lives, so ids never repeat). */
  outboxSeq: string;
  /** Hash: message key -> "channel|ts". Outlives the content. */
  messages: string;
  /** String: the owner of the effect runner's lease. */
  lease: string;
  /** String: the content-free purge record (JSON). Outlives the content. */
  purge: string;
  /** Set: the people whose person index names the session (user ids only; indexes.ts). */
  people: string;
}

/** The keys of one session. */
export function sessionKeys(prefix: string, id: string): SessionKeys {
  const base = `${prefix}{session:${id}}`;
  return {
    state: `${base}:state`,
    outbox: `${base}:outbox`,
    outboxSeq: `${base}:outbox-seq`,
    messages: `${base}:messages`,
    lease: `${base}:lease`,
    purge: `${base}:purge`,
    people: `${base}:people`,
  };
}

/**
 * Sorted set of the active sessions of a channel, scored by createdAt: per
 * workspace (`team`) when workspaces install the bot themselves, so one
 * channel id seen by two workspaces (a shared channel) is two indexes.
 */
export function channelKey(prefix: string, channel: string, team?: string): string {
  return team ? `${prefix}channel:${team}:${channel}` : `${prefix}channel:${channel}`;
}

/** SCAN pattern matching every channel index of a workspace. */
export function teamChannelsPattern(prefix: string, team: string): string {
  return `${globEscape(`${prefix}channel:${team}:`)}*`;
}

/**
 * Sorted set of the sessions a person is in (presenter, facilitator, member,
 * invited), scored by createdAt: session ids only, per workspace (`team`)
 * when workspaces install the bot themselves, so one user id seen by two
 * workspaces is two indexes. Read by the App Home.
 */
export function personKey(prefix: string, user: string, team?: string): string {
  return team ? `${prefix}person:${team}:${user}` : `${prefix}person:${user}`;
}

/** SCAN pattern matching every person index of a workspace. */
export function teamPeoplePattern(prefix: string, team: string): string {
  return `${globEscape(`${prefix}person:${team}:`)}*`;
}

/** Set of session ids whose purge has begun and not finished. */
export function purgingKey(prefix: string): string {
  return `${prefix}purging`;
}

/** Sorted set of the bot instances by their last beat (see instances.ts). */
export function instancesKey(prefix: string): string {
  return `${prefix}instances`;
}

/** String: a Slack event taken by one instance (claimEvent); it expires on its own. */
export function eventKey(prefix: string, eventId: string): string {
  return `${prefix}event:${eventId}`;
}

/** String: a workspace's installation of the bot, encrypted (installations.ts). */
export function installationKey(prefix: string, workspace: string): string {
  return `${prefix}installation:${workspace}`;
}

/** Escapes glob characters so text can be used literally in SCAN MATCH. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** SCAN pattern matching every session's outbox key. */
export function outboxPattern(prefix: string): string {
  return `${globEscape(prefix)}{session:*}:outbox`;
}

/** The session id inside a session key, or null. */
export function sessionIdOf(prefix: string, key: string): string | null {
  const start = `${prefix}{session:`;
  if (!key.startsWith(start)) return null;
  const end = key.lastIndexOf('}:');
  return end > start.length ? key.slice(start.length, end) : null;
}

/** The keys of one group: all carry the hash tag {group:<id>}, so they share a slot. */
export function groupKeys(prefix: string, id: string): { state: string; messages: string } {
  const base = `${prefix}{group:${id}}`;
  return { state: `${base}:state`, messages: `${base}:messages` };
}

/**
 * Hash of a workspace's groups: channel -> group id (one group per channel).
 * One small key per workspace (`groups:<team>`), or `groups` with one workspace.
 */
export function groupIndexKey(prefix: string, team?: string): string {
  return team ? `${prefix}groups:${team}` : `${prefix}groups`;
}
