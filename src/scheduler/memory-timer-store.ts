/**
 * Durable-enough timers for a single instance without Redis: the same
 * semantics as RedisTimerStore (claims with leases, ack that spares a
 * rescheduled timer), kept as JSON so callers never share an object with the store.
 */
import { parseStored } from '../store/schemas';
import { scheduledTimerSchema, type ScheduledTimer, type TimerStore } from './timer-store';

interface Stored {
  sessionId: string;
  json: string;
  /** Due time, or the end of the claim's lease while claimed. */
  score: number;
}

/** TimerStore in process memory. */
export class MemoryTimerStore implements TimerStore {
  /** "<sessionId>|<key>" -> timer. */
  private readonly timers = new Map<string, Stored>();

  /** Schedules the timer, replacing one with the same session and key. */
  async schedule(entry: ScheduledTimer): Promise<void> {
    const json = JSON.stringify({ sessionId: entry.sessionId, key: entry.key, timer: entry.timer });
    this.timers.set(`${entry.sessionId}|${entry.key}`, { sessionId: entry.sessionId, json, score: entry.timer.at });
  }

  /** Cancels one timer of a session. */
  async cancel(sessionId: string, key: string): Promise<void> {
    this.timers.delete(`${sessionId}|${key}`);
  }

  /** Cancels every timer of a session. */
  async cancelAll(sessionId: string): Promise<void> {
    for (const [member, stored] of this.timers) if (stored.sessionId === sessionId) this.timers.delete(member);
  }

  /** Claims up to `limit` timers due at `now`, earliest first (ties by name, as in a Redis sorted set). */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<ScheduledTimer[]> {
    if (limit <= 0) return [];
    const lease = now + Math.max(1, Math.ceil(leaseMs));
    const due = [...this.timers.entries()]
      .filter(([, stored]) => stored.score <= now)
      .sort(([a, x], [b, y]) => x.score - y.score || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.floor(limit));
    return due.map(([, stored]) => {
      stored.score = lease;
      return { ...parseStored(scheduledTimerSchema, stored.json, 'timer'), lease };
    });
  }

  /** Removes a fired timer, unless it was rescheduled or claimed again since this claim. */
  async ack(entry: ScheduledTimer): Promise<void> {
    const member = `${entry.sessionId}|${entry.key}`;
    const stored = this.timers.get(member);
    if (!stored) return;
    const unchanged =
      entry.lease !== undefined
        ? stored.score === entry.lease
        : parseStored(scheduledTimerSchema, stored.json, 'timer').timer.at === entry.timer.at;
    if (unchanged) this.timers.delete(member);
  }

  /** Timers of one session, earliest first. */
  async list(sessionId: string): Promise<ScheduledTimer[]> {
    return [...this.timers.values()]
      .filter((stored) => stored.sessionId === sessionId)
      .map((stored) => parseStored(scheduledTimerSchema, stored.json, 'timer'))
      .sort((a, b) => a.timer.at - b.timer.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
