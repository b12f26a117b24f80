/**
 * Durable timers on Redis, shared by every bot instance.
 *
 * Keys: `<prefix>{timers}` (sorted set of "<sessionId>|<key>" scored by due
 * time, ms; while claimed, by the end of the claim's lease) and
 * `<prefix>{timers}:data` (hash of the timers' JSON) share the hash tag
 * {timers}, so each script touches keys of one slot on Redis Cluster (all
 * timers then live on one shard: they are small and few per session).
 * `<prefix>{session:<id>}:timers` lists one session's timers for cancelAll
 * (`{group:<id>}:timers` for a group's, whose owner id is "group:<id>"); it
 * is in the owner's slot, so it is written by its own calls, never inside a
 * script with the shared keys. Its order against them is chosen so a crash in
 * between leaves at most a stale name in it, never a timer cancelAll misses.
 */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { loadScripts, script, type ScriptCall } from '../redis/scripts';
import { parseStored } from '../store/schemas';
import { scheduledTimerSchema, type ScheduledTimer, type TimerStore } from './timer-store';

/** How long a session's timer list outlives the timer it waits for. */
const TRACK_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

/** The shared timer keys. */
export function timerKeys(prefix: string): { due: string; data: string } {
  return { due: `${prefix}{timers}`, data: `${prefix}{timers}:data` };
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

/** The member naming one timer. */
function memberOf(sessionId: string, key: string): string {
  return `${sessionId}|${key}`;
}

/** The stored JSON of a timer (without the claim's lease, which is not part of the timer). */
function toJson(entry: ScheduledTimer): string {
  return JSON.stringify({ sessionId: entry.sessionId, key: entry.key, timer: entry.timer });
}

/** TimerStore on Redis; see the module comment for keys and Cluster. */
export class RedisTimerStore implements TimerStore {
  private readonly keys: { due: string; data: string };
  private readonly scheduleScript: ScriptCall;
  private readonly cancelScript: ScriptCall;
  private readonly claimScript: ScriptCall;
  private readonly ackScript: ScriptCall;
  private readonly trackScript: ScriptCall;

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string } = {},
  ) {
    this.keys = timerKeys(this.prefix);
    const scripts = loadScripts(redis, join(__dirname, 'lua'), 'ivTimer');
    this.scheduleScript = script(scripts, 'schedule');
    this.cancelScript = script(scripts, 'cancel');
    this.claimScript = script(scripts, 'claim');
    this.ackScript = script(scripts, 'ack');
    this.trackScript = script(scripts, 'track');
  }

  private get prefix(): string {
    return this.options.prefix ?? '';
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
      this.trackScript([this.sessionKey(entry.sessionId)], [member, Math.ceil(keepMs)]),
      this.scheduleScript([this.keys.due, this.keys.data], [member, entry.timer.at, toJson(entry)]),
    ]);
  }

  /** Cancels one timer of a session. */
  async cancel(sessionId: string, key: string): Promise<void> {
    const member = memberOf(sessionId, key);
    await this.cancelScript([this.keys.due, this.keys.data], [member]);
    await this.redis.srem(this.sessionKey(sessionId), member);
  }

  /** Cancels every timer of a session. */
  async cancelAll(sessionId: string): Promise<void> {
    const members = await this.redis.smembers(this.sessionKey(sessionId));
    if (members.length === 0) return;
    await this.cancelScript([this.keys.due, this.keys.data], members);
    // Only the names read above: a timer scheduled meanwhile keeps its name, so a later cancelAll finds it.
    await this.redis.srem(this.sessionKey(sessionId), ...members);
  }

  /** Claims up to `limit` timers due at `now`, earliest first; each is hidden for `leaseMs` unless acked. */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<ScheduledTimer[]> {
    if (limit <= 0) return [];
    const lease = now + Math.max(1, Math.ceil(leaseMs));
    const claimed = await this.claimScript([this.keys.due, this.keys.data], [now, Math.floor(limit), lease]);
    if (!Array.isArray(claimed)) throw new Error('claim script returned an unexpected reply');
    return claimed.map((json: unknown) => ({
      ...parseStored(scheduledTimerSchema, String(json), 'timer'),
      lease,
    }));
  }

  /** Removes a fired timer, unless it was rescheduled or claimed again since this claim. */
  async ack(entry: ScheduledTimer): Promise<void> {
    const member = memberOf(entry.sessionId, entry.key);
    const removed = await this.ackScript(
      [this.keys.due, this.keys.data],
      [member, entry.lease === undefined ? '' : entry.lease, entry.timer.at],
    );
    if (removed === 1) await this.redis.srem(this.sessionKey(entry.sessionId), member);
  }

  /** Timers of one session, earliest first. */
  async list(sessionId: string): Promise<ScheduledTimer[]> {
    const members = await this.redis.smembers(this.sessionKey(sessionId));
    if (members.length === 0) return [];
    const stored = await this.redis.hmget(this.keys.data, ...members);
    return stored
      .filter((json): json is string => json !== null)
      .map((json) => parseStored(scheduledTimerSchema, json, 'timer'))
      .sort((a, b) => a.timer.at - b.timer.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
