import { isParticipant } from '../engine/queries';
import type { Session, UserId } from '../engine/session';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';

/**
 * Finding sessions by where people see them: a channel's open sessions, the
 * session a message or a thread belongs to. A channel holds few sessions, so
 * its index is read and each session's message records checked.
 */

/** The stored session, or null when it is gone or can no longer be read (left out rather than hide the others). */
function readable(store: SessionStore, id: string): Promise<Session | null> {
  return store.load(id).catch((error: unknown) => {
    if (error instanceof StoredSessionUnreadableError) return null;
    throw error;
  });
}

/** The channel's sessions (of the workspace `team`) that are still open; one that can no longer be read is left out rather than hide the others. */
export async function openSessionsIn(store: SessionStore, channel: string, team?: string): Promise<Session[]> {
  const sessions = await Promise.all((await store.listByChannel(channel, team)).map((id) => readable(store, id)));
  return sessions.filter((session): session is Session => session !== null && session.status !== 'closing');
}

/** The session that posted the message at `ts` as its card, a prompt or a round board, if any. */
export async function sessionShowing(store: SessionStore, channel: string, ts: string, team?: string): Promise<string | undefined> {
  for (const id of await store.listByChannel(channel, team)) {
    const shown = Object.entries(await store.messages(id)).some(
      ([key, ref]) => ref.channel === channel && ref.ts === ts && (key === 'card' || key.startsWith('phase:') || key.startsWith('board:')),
    );
    if (shown) return id;
  }
  return undefined;
}

/** The session whose card starts the thread `threadTs` in `channel`, if any. */
export async function sessionOfThread(store: SessionStore, channel: string, threadTs: string, team?: string): Promise<string | undefined> {
  for (const id of await store.listByChannel(channel, team)) {
    const card = (await store.messages(id)).card;
    if (card?.channel === channel && card.ts === threadTs) return id;
  }
  return undefined;
}

/** A person's sessions as their App Home reads them; `unread`: those past the limit, not read. */
export interface PersonSessions {
  sessions: Session[];
  unread: number;
}

/**
 * The open sessions a person is in (presenter, facilitator, member, invited)
 * in the workspace `team`, newest first, at most `limit` read. Each session
 * is checked as read: one they are no longer in (the index not yet in step)
 * or of another workspace is never listed.
 */
export async function sessionsOfPerson(store: SessionStore, user: UserId, team: string | undefined, limit: number): Promise<PersonSessions> {
  const ids = await store.listByPerson(user, team);
  const read = await Promise.all(ids.slice(0, limit).map((id) => readable(store, id)));
  const theirs = (s: Session | null): s is Session => s !== null && (team === undefined || s.team === team) && isParticipant(s, user);
  return { sessions: read.filter(theirs).filter((s) => s.status !== 'closing'), unread: Math.max(0, ids.length - limit) };
}
