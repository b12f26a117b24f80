/**
 * Fault injection: make the next call(s) of a method fail the way Slack can
 * fail - rate limited, a server error, or an API error code.
 */
import { fail } from './api-args';
import type { ApiBody } from './types';

export type Fault =
  | { status: 429; retryAfter: number }
  /** The call is carried out, but its answer is held this long (a client that dies meanwhile never learns of it). */
  | { answerAfterMs: number }
  | { status: 500 | 502 | 503 | 504 }
  | { error: string };

/** Queued faults per method ('*' matches any method). */
export class FaultQueue {
  private readonly queued: Array<{ method: string; fault: Fault; left: number }> = [];

  /** Makes the next `times` calls of `method` fail with `fault`. */
  add(method: string, fault: Fault, times: number): void {
    this.queued.push({ method, fault, left: times });
  }

  /** The fault for this call of `method`, if one is queued (and uses it up). */
  take(method: string): Fault | undefined {
    const entry = this.queued.find((q) => q.left > 0 && (q.method === method || q.method === '*'));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.queued.splice(this.queued.indexOf(entry), 1);
    return entry.fault;
  }

  /** Drops every queued fault. */
  clear(): void {
    this.queued.length = 0;
  }
}

/** A Web API answer over HTTP: status, headers and Slack's JSON body. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: ApiBody;
  /** How long the HTTP server holds the answer before sending it. */
  holdMs?: number;
}

/** A normal answer: HTTP 200 with the body. */
export function answered(body: ApiBody): ApiAnswer {
  return { status: 200, headers: {}, body };
}

/** What Slack answers for a fault: an error body, or HTTP 429 (with Retry-After) or 5xx. */
export function faultAnswer(fault: Exclude<Fault, { answerAfterMs: number }>): ApiAnswer {
  if ('error' in fault) return answered(fail(fault.error));
  if (fault.status === 429) return { status: 429, headers: { 'retry-after': String(fault.retryAfter) }, body: fail('ratelimited') };
  return { status: fault.status, headers: {}, body: fail('service_unavailable') };
}
