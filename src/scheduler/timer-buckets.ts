/**
 * The timers' keys: a fixed number of buckets, each a due set and its data
 * under a hash tag of its own (`{timers-<n>}`), so on Redis Cluster the
 * buckets spread over the nodes, no node holds every timer, and instances
 * claim from several buckets at once. A session's timers are all in one
 * bucket (chosen by its id), so a cancel touches one bucket.
 */

/** How many buckets; fixed, since a timer's bucket is found from its session id. Changing it strands timers. */
export const TIMER_BUCKETS = 16;

export interface TimerKeys {
  /** Sorted set: "<sessionId>|<key>" scored by due time (while claimed, by the end of the claim's lease). */
  due: string;
  /** Hash: member -> the timer's JSON. */
  data: string;
}

/** The keys of bucket `n`. */
export function bucketKeys(prefix: string, n: number): TimerKeys {
  return { due: `${prefix}{timers-${n}}`, data: `${prefix}{timers-${n}}:data` };
}

/** The keys of every bucket, in order. */
export function allBuckets(prefix: string): TimerKeys[] {
  return Array.from({ length: TIMER_BUCKETS }, (_, n) => bucketKeys(prefix, n));
}

/** The bucket of a session's timers: FNV-1a of its id, so every instance finds the same one. */
export function bucketOf(sessionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i += 1) {
    hash ^= sessionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % TIMER_BUCKETS;
}

/** The member naming one timer. */
export function memberOf(sessionId: string, key: string): string {
  return `${sessionId}|${key}`;
}

/** The session id of a member. */
export function sessionOfMember(member: string): string {
  const bar = member.indexOf('|');
  return bar < 0 ? member : member.slice(0, bar);
}

/** The keys of the layout before the buckets (one due set for every timer), moved into the buckets at start. */
export function legacyTimerKeys(prefix: string): TimerKeys {
  return { due: `${prefix}{timers}`, data: `${prefix}{timers}:data` };
}

/** The `limit` earliest of the due members peeked in each bucket, as how many to claim from which bucket. */
export function shareOut(peeks: ReadonlyArray<readonly string[]>, limit: number): Map<number, number> {
  const candidates: Array<{ bucket: number; score: number }> = [];
  peeks.forEach((flat, bucket) => {
    // ZRANGEBYSCORE … WITHSCORES: member, score, member, score, …
    for (let i = 1; i < flat.length; i += 2) candidates.push({ bucket, score: Number(flat[i]) });
  });
  candidates.sort((a, b) => a.score - b.score);
  const take = new Map<number, number>();
  for (const { bucket } of candidates.slice(0, limit)) take.set(bucket, (take.get(bucket) ?? 0) + 1);
  return take;
}
