/**
 * Every Web API call the emulator answered, so tests can count calls, read
 * their arguments, and measure the busiest minute against Slack's rate tiers.
 */
import type { Json } from './types';

export interface ApiCall {
  method: string;
  /** The arguments as received (JSON fields parsed; the token removed). */
  args: Json;
  /** Emulator clock, in ms. */
  at: number;
  /** The HTTP status sent (200, or 429/5xx from an injected fault). */
  status: number;
  ok: boolean;
  error?: string;
  /** The answer body as sent. */
  result: Json;
}

export const MINUTE_MS = 60_000;

/** The record of API calls, in order. */
export class CallLog {
  private readonly calls: ApiCall[] = [];

  /** Adds one call. */
  record(call: ApiCall): void {
    this.calls.push(call);
  }

  /** All calls, or those of one method. */
  list(method?: string): ApiCall[] {
    return method === undefined ? [...this.calls] : this.calls.filter((c) => c.method === method);
  }

  /** The most calls of `method` inside any 60-second window of the emulator clock. */
  perMinute(method: string): number {
    const times = this.list(method).map((c) => c.at).sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] as number) - (times[start] as number) >= MINUTE_MS) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Forgets every call (e.g. between phases of a test). */
  clear(): void {
    this.calls.length = 0;
  }
}
