import { ExpiringMap } from './expiring-map';

/** Where a person's sessions are indexed: per workspace when there are several (as Redis keys them). */
function personOf(user: string, team: string | undefined): string {
  return team ? `${team}:${user}` : user;
}

/**
 * The memory store's person indexes (the App Home's), as redis/indexes.ts
 * keeps them: per person the sessions they are in, and per session who is
 * indexed for it, each expiring like its Redis key.
 */
export class MemoryPeople {
  /** person (of a workspace: "<team>:<user>") -> (session id -> createdAt). */
  private readonly people: ExpiringMap<string, Map<string, number>>;
  /** session id -> the people whose index names it. */
  private readonly indexed: ExpiringMap<string, string[]>;

  constructor(
    now: () => number,
    private readonly ttlMs: number,
  ) {
    this.people = new ExpiringMap(now);
    this.indexed = new ExpiringMap(now);
  }

  /** The person's sessions, newest first (as ZREVRANGE: by score, then by member, both descending); drops those not `alive`. */
  list(user: string, team: string | undefined, alive: (id: string) => boolean): string[] {
    const index = this.people.get(personOf(user, team));
    if (!index) return [];
    for (const id of [...index.keys()]) if (!alive(id)) index.delete(id);
    return [...index.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? 1 : a > b ? -1 : 0)).map(([id]) => id);
  }

  /** Makes `users` the people indexed for the session: new ones get it (the first score stays), those gone lose it; who lost it. */
  sync(session: { id: string; team?: string | undefined; createdAt: number }, users: readonly string[]): string[] {
    const wanted = [...new Set(users)];
    const gone = (this.indexed.get(session.id) ?? []).filter((user) => !wanted.includes(user));
    for (const user of gone) this.people.get(personOf(user, session.team))?.delete(session.id);
    for (const user of wanted) {
      const index = this.people.get(personOf(user, session.team)) ?? new Map<string, number>();
      if (!index.has(session.id)) index.set(session.id, session.createdAt);
      this.people.set(personOf(user, session.team), index, this.ttlMs);
    }
    this.indexed.set(session.id, wanted, this.ttlMs);
    return gone;
  }

  /** The session's people's indexes, and who is indexed for it, live as long as its content again. */
  touch(sessionId: string, users: readonly string[], team: string | undefined): void {
    for (const user of users) this.people.touch(personOf(user, team), this.ttlMs);
    this.indexed.touch(sessionId, this.ttlMs);
  }

  /** Takes the session out of the index of everyone indexed for it. */
  remove(sessionId: string, team: string | undefined): void {
    for (const user of this.indexed.get(sessionId) ?? []) this.people.get(personOf(user, team))?.delete(sessionId);
    this.indexed.delete(sessionId);
  }

  /** Drops every person index of a workspace. */
  forgetTeam(team: string): void {
    for (const key of this.people.keys()) if (key.startsWith(`${team}:`)) this.people.delete(key);
  }
}
