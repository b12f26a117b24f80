import type { RedisClient } from '../../redis/connect';
import { channelKey, personKey, sessionKeys, teamChannelsPattern, teamPeoplePattern } from './keys';
import { scanKeys } from './scan';

/** Of `ids` (in their order), those whose session content still exists, and those gone; one EXISTS each: their keys are in different slots. */
async function sortOut(redis: RedisClient, prefix: string, ids: string[]): Promise<{ alive: string[]; gone: string[] }> {
  const exists = await Promise.all(ids.map((id) => redis.exists(sessionKeys(prefix, id).state)));
  return { alive: ids.filter((_, i) => exists[i] === 1), gone: ids.filter((_, i) => exists[i] === 0) };
}

/**
 * Per channel, its active sessions (keys.ts, `channel:`): a sorted set of
 * session ids scored by createdAt, per workspace when there are several.
 * Written after the session exists and read with its dead entries dropped
 * (see redis-session-store.ts).
 */
export class RedisChannelIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /** Ids of the active sessions in a channel (of `team`), oldest first; drops entries of expired sessions. */
  async list(channel: string, team?: string): Promise<string[]> {
    const index = channelKey(this.prefix, channel, team);
    const { alive, gone } = await sortOut(this.redis, this.prefix, await this.redis.zrange(index, 0, '-1'));
    if (gone.length > 0) await this.redis.zrem(index, ...gone);
    return alive;
  }

  /** Ids in every channel index of the workspace (found by SCAN). */
  async listTeam(team: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const index of await scanKeys(this.redis, teamChannelsPattern(this.prefix, team))) {
      for (const id of await this.redis.zrange(index, 0, '-1')) ids.add(id);
    }
    return [...ids];
  }

  /** Indexes a new session in its channel, with the content's TTL. */
  async add(session: { id: string; channel: string; team?: string | undefined; createdAt: number }): Promise<void> {
    const index = channelKey(this.prefix, session.channel, session.team);
    await this.redis.multi().zadd(index, 'NX', session.createdAt, session.id).pexpire(index, this.ttlMs).exec();
  }

  /** Gives the channel's index `ms` to live again. */
  async touch(channel: string, team: string | undefined, ms: number): Promise<void> {
    await this.redis.pexpire(channelKey(this.prefix, channel, team), ms);
  }

  /** Takes a session out of its channel's index. */
  async remove(sessionId: string, channel: string, team?: string): Promise<void> {
    await this.redis.zrem(channelKey(this.prefix, channel, team), sessionId);
  }
}

/**
 * Per person, the sessions they are in (the App Home lists them): a sorted
 * set of session ids scored by createdAt, one per person and workspace
 * (keys.ts, `person:`). Content-free: ids only. Like the channel indexes these
 * keys are shared by many sessions, so they live in other slots than a
 * session's keys and are written by calls of their own. Who is indexed for a
 * session is kept with the session (`{session:<id>}:people`, a set of user
 * ids), so the session can be taken out of exactly those indexes when
 * someone leaves and at its close. The outbox keeps them in step
 * (service/outbox.ts); a reader drops entries whose session is gone, so a
 * crash in between leaves nothing a reader would show wrongly. Each key lives
 * as long as the sessions it names: every write and each session commit that
 * refreshes its TTLs give it the content's time to live again.
 */
export class RedisPersonIndex {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** How long an index lives after it was last given time: the content's TTL plus its refresh interval. */
    private readonly ttlMs: number,
  ) {}

  /** Ids of the person's sessions, newest first; entries of sessions whose content is gone are dropped. */
  async list(user: string, team?: string): Promise<string[]> {
    const key = personKey(this.prefix, user, team);
    const { alive, gone } = await sortOut(this.redis, this.prefix, await this.redis.zrevrange(key, 0, -1));
    if (gone.length > 0) await this.redis.zrem(key, ...gone);
    return alive;
  }

  /**
   * Makes `users` the people indexed for the session: new ones get it in
   * their index (NX: the score stays), those no longer among them lose it,
   * and the session's own set says who is indexed. One read when nothing
   * changed. Returns who lost it.
   */
  async sync(session: { id: string; team?: string | undefined; createdAt: number }, users: readonly string[]): Promise<string[]> {
    const set = sessionKeys(this.prefix, session.id).people;
    const before = await this.redis.smembers(set);
    const wanted = [...new Set(users)];
    const fresh = wanted.filter((user) => !before.includes(user));
    const gone = before.filter((user) => !wanted.includes(user));
    if (fresh.length === 0 && gone.length === 0) return [];
    // Added first and the set written last: a retry after a crash in between computes the same change again.
    await Promise.all(
      fresh.map((user) => {
        const key = personKey(this.prefix, user, session.team);
        return this.redis.multi().zadd(key, 'NX', session.createdAt, session.id).pexpire(key, this.ttlMs).exec();
      }),
    );
    await Promise.all(gone.map((user) => this.redis.zrem(personKey(this.prefix, user, session.team), session.id)));
    const write = this.redis.multi().del(set);
    if (wanted.length > 0) write.sadd(set, ...wanted).pexpire(set, this.ttlMs);
    await write.exec();
    return gone;
  }

  /** Gives the session's people's indexes, and its own set, their time to live again (the session was committed). */
  async touch(sessionId: string, users: readonly string[], team?: string): Promise<void> {
    const keys = [sessionKeys(this.prefix, sessionId).people, ...new Set(users.map((user) => personKey(this.prefix, user, team)))];
    await Promise.all(keys.map((key) => this.redis.pexpire(key, this.ttlMs)));
  }

  /** Takes the session out of the index of everyone indexed for it, and forgets who they were. */
  async remove(sessionId: string, team?: string): Promise<void> {
    const set = sessionKeys(this.prefix, sessionId).people;
    const users = await this.redis.smembers(set);
    await Promise.all(users.map((user) => this.redis.zrem(personKey(this.prefix, user, team), sessionId)));
    await this.redis.del(set);
  }

  /** Deletes every person index of a workspace (found by SCAN: an uninstall, rare). */
  async forgetTeam(team: string): Promise<void> {
    const keys = await scanKeys(this.redis, teamPeoplePattern(this.prefix, team));
    // One DEL per key: on Cluster they may be in different slots.
    await Promise.all(keys.map((key) => this.redis.del(key)));
  }
}
