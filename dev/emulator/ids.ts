/**
 * Identifiers and timestamps the way Slack shapes them, but deterministic:
 * the same sequence of calls yields the same ids, which keeps test output stable.
 */
import { randomBytes } from 'node:crypto';

/** Issues Slack-looking ids ("V0000000001"), message ts strings and view hashes. */
export class IdSource {
  private counters = new Map<string, number>();
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** A new id with Slack's prefix letter, e.g. next('D') -> "D0000000001". */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${String(n).padStart(10, '0')}`;
  }

  /** A short id for blocks and actions Slack names itself when the app did not. */
  short(): string {
    const n = (this.counters.get('#short') ?? 0) + 1;
    this.counters.set('#short', n);
    return `e${n.toString(36).padStart(4, '0')}`;
  }

  /**
   * A message ts ("1700000000.000100"): seconds.microseconds from the clock,
   * strictly increasing even when the clock stands still (a manual test clock).
   */
  ts(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const rest = Math.floor(micros % 1_000_000);
    return `${seconds}.${String(rest).padStart(6, '0')}`;
  }

  /** A view hash: changes on every write, as Slack's does. */
  hash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  /** A trigger id in Slack's "digits.digits.hex" shape. */
  trigger(): string {
    const n = (this.counters.get('#trigger') ?? 0) + 1;
    this.counters.set('#trigger', n);
    return `${Math.floor(this.now() / 1000)}.${n}.${randomBytes(16).toString('hex')}`;
  }
}
