import type { Session } from '../engine/session';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';

/**
 * Finding sessions by where people see them: a channel's open sessions, the
 * session a message or a thread belongs to. A channel holds few sessions, so
 * its index is read and each session's message records checked.
 */

/** The channel's sessions (of the workspace `team`) that are still open; one that can no longer be read is left out rather than hide the others. */
export async function openSessionsIn(store: SessionStore, channel: string, team?: string): Promise<Session[]> {
  const readable = (id: string): Promise<Session | null> =>
    store.load(id).catch((error: unknown) => {
      if (error instanceof StoredSessionUnreadableError) return null;
      throw error;
    });
  const sessions = await Promise.all((await store.listByChannel(channel, team)).map(readable));
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
