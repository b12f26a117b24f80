/** Lifetimes shared by both session stores. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Default lifetime of a session's content after its last commit: 14 days. */
export const DEFAULT_TTL_SECONDS = 14 * 24 * 60 * 60;

/**
 * How often a session's keys get their time to live again: at most once an
 * hour (a tenth of the TTL when that is shorter), rather than on every commit.
 * A key then lives at least its TTL after the last commit, and at most this
 * much longer.
 */
export function ttlRefreshMs(ttlMs: number): number {
  return Math.max(1, Math.min(60 * 60 * 1000, Math.floor(ttlMs / 10)));
}

/** How long the messages record and the purge record outlive the content, so deletion can still happen. */
export const PURGE_GRACE_MS = 7 * DAY_MS;

/**
 * How long a Slack event stays taken (claimEvent): one hour. Slack retries an
 * event it got no ack for at once, after 1 minute and after 5 minutes, so its
 * last retry comes about 6 minutes after the first delivery. Ten times that
 * still catches a retry held up by a reconnect, a restart or a slow queue,
 * while the claims stay few (only events about a session are taken) and small,
 * and go on their own.
 */
export const EVENT_CLAIM_MS = 60 * 60 * 1000;
