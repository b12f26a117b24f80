/**
 * Durable timers on Redis, shared by every bot instance.
 *
 * Keys: TIMER_BUCKETS buckets (timer-buckets.ts), each `<prefix>{timers-<n>}`
 * (sorted set of "<ownerId>|<key>" scored by due time, ms; while claimed,
 * by the end of the claim's lease) and `<prefix>{timers-<n>}:data` (hash of
 * the timers' JSON). The two keys of a bucket share its hash tag, so each
 * script touches keys of one slot on Redis Cluster, and the buckets spread
 * over the Cluster's nodes. An owner's timers (a session's, or a group's,
 * whose owner id is "group:<id>") all live in the bucket its id hashes to.
 * A claim first reads the earliest due members of every bucket
 * (in parallel, one read each), then claims the earliest `limit` of them
 * from their buckets, each bucket in one script call, so instances claim in
 * parallel and a timer is still claimed by one instance only.
 *
 * `<prefix>{session:<id>}:timers` lists one session's timers for cancelAll
 * (`{group:<id>}:timers` for a group's); it is in the owner's slot, so it is
 * written by its own calls, never inside a script with a bucket's keys. Its
 * order against them is chosen so a crash in
 * between leaves at most a stale name in it, never a timer cancelAll misses.
 *
 * Timers stored before the buckets (one set, `<prefix>{timers}`) are moved
 * into their buckets by the first claim, and looked for again every minute
 * (an instance of the old version may still add some during an upgrade).
 */
import { join } from 'node:path';
import type { RedisClient } from '../redis/connect';
import { loadScripts, script, type ScriptCall } from '../redis/scripts';
import { parseStored } from '../store/schemas';
import { allBuckets, bucketKeys, bucketOf, legacyTimerKeys, memberOf, sessionOfMember, shareOut, type TimerKeys } from './timer-buckets';
import { scheduledTimerSchema, type ScheduledTimer, type TimerStore } from './timer-store';

/** How long a session's timer list outlives the timer it waits for. */
const TRACK_GRACE_MS = 30 * 24 * 60 * 60 * 1000;
/** How often a claim looks for timers in the layout before the buckets. */
const LEGACY_CHECK_MS = 60_000;
/** Timers moved from the old layout per read. */
const LEGACY_BATCH = 500;

/** The keys of bucket 0 (tests, diagnostics); see timer-buckets.ts for the others. */
export function timerKeys(prefix: string): TimerKeys {
  return bucketKeys(prefix, 0);
}

/**
 * The set of one owner's timers, with the owner's hash tag: a session's
 * (`{session:<id>}:timers`), or, for an id in a namespace of its own
 * ("<kind>:<id>", e.g. a group's "group:<id>"), `{<kind>:<id>}:timers`.
 * Session ids never hold a colon.
 */
export function sessionTimersKey(prefix: string, sessionId: string): string {
  return sessionId.includes(':') ? `${prefix}{${sessionId}}:timers` : `${prefix}{session:${sessionId}}:timers`;
}

/** The stored JSON of a timer (without the claim's lease, which is not part of the timer). */
function toJson(entry: ScheduledTimer): string {
  return JSON.stringify({ sessionId: entry.sessionId, key: entry.key, timer: entry.timer });
}

/** TimerStore on Redis; see the module comment for keys and Cluster. */
export class RedisTimerStore implements TimerStore {
  private readonly prefix: string;
  private readonly buckets: TimerKeys[];
  private readonly scripts: Record<'schedule' | 'cancel' | 'claim' | 'ack' | 'track' | 'adopt', ScriptCall>;
  private legacyCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: RedisClient,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.buckets = allBuckets(this.prefix);
    const loaded = loadScripts(redis, join(__dirname, 'lua'), 'ivTimer');
    this.scripts = {
      schedule: script(loaded, 'schedule'),
      cancel: script(loaded, 'cancel'),
      claim: script(loaded, 'claim'),
      ack: script(loaded, 'ack'),
      track: script(loaded, 'track'),
      adopt: script(loaded, 'adopt'),
    };
  }

  private bucket(sessionId: string): [string, string] {
    const keys = this.buckets[bucketOf(sessionId)] as TimerKeys;
    return [keys.due, keys.data];
  }

  private sessionKey(sessionId: string): string {
    return sessionTimersKey(this.prefix, sessionId);
  }

  /** Schedules the timer, replacing one with the same session and key. */
  async schedule(entry: ScheduledTimer): Promise<void> {
    const member = memberOf(entry.sessionId, entry.key);
    // Keep the session's list alive while the timer may wait (measured on the wall clock).
    const keepMs = Math.max(0, entry.timer.at - Date.now()) + TRACK_GRACE_MS;
    // The list first (same connection, so Redis sees it first): a crash between leaves a stale name, not a lost one.
    await Promise.all([
      this.scripts.track([this.sessionKey(entry.sessionId)], [member, Math.ceil(keepMs)]),
      this.scripts.schedule(this.bucket(entry.sessionId), [member, entry.timer.at, toJson(entry)]),
    ]);
  }

  /** Cancels one timer of a session. */
  async cancel(sessionId: string, key: string): Promise<void> {
    const member = memberOf(sessionId, key);
    await this.scripts.cancel(this.bucket(sessionId), [member]);
    await this.redis.srem(this.sessionKey(sessionId), member);
  }

  /** Cancels every timer of a session. */
  async cancelAll(sessionId: string): Promise<void> {
    const members = await this.redis.smembers(this.sessionKey(sessionId));
    if (members.length === 0) return;
    await this.scripts.cancel(this.bucket(sessionId), members);
    // Only the names read above: a timer scheduled meanwhile keeps its name, so a later cancelAll finds it.
    await this.redis.srem(this.sessionKey(sessionId), ...members);
  }

  /** Claims up to `limit` timers due at `now`, earliest first over every bucket; each is hidden for `leaseMs` unless acked. */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<ScheduledTimer[]> {
    if (limit <= 0) return [];
    await this.adoptLegacy();
    const lease = now + Math.max(1, Math.ceil(leaseMs));
    const count = Math.floor(limit);
    const peeks = await Promise.all(this.buckets.map((b) => this.redis.zrangebyscore(b.due, '-inf', now, 'WITHSCORES', 'LIMIT', 0, count)));
    const claims = [...shareOut(peeks, count)].map(async ([n, take]) => {
      const { due, data } = this.buckets[n] as TimerKeys;
      const claimed = await this.scripts.claim([due, data], [now, take, lease]);
      if (!Array.isArray(claimed)) throw new Error('claim script returned an unexpected reply');
      return claimed.map((json: unknown) => ({ ...parseStored(scheduledTimerSchema, String(json), 'timer'), lease }));
    });
    const all = (await Promise.all(claims)).flat();
    return all.sort((a, b) => a.timer.at - b.timer.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Removes a fired timer, unless it was rescheduled or claimed again since this claim. */
  async ack(entry: ScheduledTimer): Promise<void> {
    const member = memberOf(entry.sessionId, entry.key);
    const removed = await this.scripts.ack(this.bucket(entry.sessionId), [member, entry.lease === undefined ? '' : entry.lease, entry.timer.at]);
    if (removed === 1) await this.redis.srem(this.sessionKey(entry.sessionId), member);
  }

  /** Timers of one session, earliest first. */
  async list(sessionId: string): Promise<ScheduledTimer[]> {
    const members = await this.redis.smembers(this.sessionKey(sessionId));
    if (members.length === 0) return [];
    const [, data] = this.bucket(sessionId);
    const stored = await this.redis.hmget(data, ...members);
    return stored
      .filter((json): json is string => json !== null)
      .map((json) => parseStored(scheduledTimerSchema, json, 'timer'))
      .sort((a, b) => a.timer.at - b.timer.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Moves the timers of the layout before the buckets into their buckets (at most every LEGACY_CHECK_MS). */
  private async adoptLegacy(): Promise<void> {
    if (Date.now() - this.legacyCheckedAt < LEGACY_CHECK_MS) return;
    const legacy = legacyTimerKeys(this.prefix);
    for (;;) {
      const batch = await this.redis.zrange(legacy.due, '0', String(LEGACY_BATCH - 1), 'WITHSCORES');
      if (batch.length === 0) break;
      for (let i = 0; i + 1 < batch.length; i += 2) await this.adoptOne(legacy, batch[i] as string, batch[i + 1] as string);
    }
    this.legacyCheckedAt = Date.now();
  }

  /** One old timer into its bucket (unless scheduled there since), then out of the old set: a crash between leaves it in both, and the move is repeated. */
  private async adoptOne(legacy: TimerKeys, member: string, score: string): Promise<void> {
    const json = await this.redis.hget(legacy.data, member);
    if (json !== null) await this.scripts.adopt(this.bucket(sessionOfMember(member)), [member, score, json]);
    await this.scripts.cancel([legacy.due, legacy.data], [member]);
  }
}
