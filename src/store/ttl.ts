/** Lifetimes shared by both session stores. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Default lifetime of a session's content after its last commit: 14 days. */
export const DEFAULT_TTL_SECONDS = 14 * 24 * 60 * 60;

/** How long the messages record and the purge record outlive the content, so deletion can still happen. */
export const PURGE_GRACE_MS = 7 * DAY_MS;
