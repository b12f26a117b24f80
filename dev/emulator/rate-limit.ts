/**
 * Optional enforcement of Slack's rate tiers (off until switched on): each
 * method may be called RATE_TIERS[method].perMinute times in any 60 s of the
 * emulator clock, per workspace; chat.postMessage counts per channel, as Slack
 * limits it. A call over the limit is not counted and is answered like Slack:
 * HTTP 429 with Retry-After (whole seconds until the oldest call in the window
 * leaves it). Methods without a tier are never limited.
 */
import { MINUTE_MS } from './call-log';
import type { Fault } from './faults';
import { RATE_TIERS } from './rate-tiers';
import type { Json } from './types';

/** Sliding one-minute windows of accepted calls, per method (per channel for chat.postMessage). */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private enforced = false;

  constructor(private readonly now: () => number) {}

  /** Switches enforcement on or off; counting starts afresh either way. */
  enforce(enforced = true): void {
    this.enforced = enforced;
    this.windows.clear();
  }

  /** Whether calls over a tier are refused. */
  get isEnforced(): boolean {
    return this.enforced;
  }

  /** The 429 for a call over its tier (then not counted); undefined when it may go ahead (then counted) or nothing is enforced. */
  fault(method: string, args: Json): Fault | undefined {
    const tier = RATE_TIERS[method];
    if (!this.enforced || !tier) return undefined;
    const key = method === 'chat.postMessage' ? `${method}|${String(args.channel ?? '')}` : method;
    const now = this.now();
    const recent = (this.windows.get(key) ?? []).filter((at) => now - at < MINUTE_MS);
    this.windows.set(key, recent);
    const oldest = recent[0];
    if (oldest !== undefined && recent.length >= tier.perMinute) return { status: 429, retryAfter: Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000)) };
    recent.push(now);
    return undefined;
  }
}
