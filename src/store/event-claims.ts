/**
 * The memory store's Slack event claims (claimEvent): each expires like its
 * Redis key, and they are bounded in number, as process memory is. Events are
 * taken only when they concern a session, so an hour's worth stays far below
 * the bound; it only keeps a flood of events from growing the process (an
 * entry is an id and a number). When it is reached, the oldest claim goes
 * first: its retries are the least likely still to come.
 */
export const MAX_EVENT_CLAIMS = 10_000;

export class EventClaims {
  /** event id -> when its claim ends (ms); a Map keeps insertion order, so the oldest claim comes first. */
  private readonly claims = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly max: number = MAX_EVENT_CLAIMS,
  ) {}

  /** Takes the event unless a live claim holds it; expired claims are dropped, and the oldest when the bound is reached. */
  claim(eventId: string, ttlMs: number): boolean {
    const now = this.now();
    const until = this.claims.get(eventId);
    if (until !== undefined && until > now) return false;
    this.claims.delete(eventId);
    // Oldest first, up to the first live one (claims of one length expire in this order; a shorter
    // one behind a live claim waits for the bound or its own repeat).
    for (const [id, end] of this.claims) {
      if (end > now) break;
      this.claims.delete(id);
    }
    for (const id of this.claims.keys()) {
      if (this.claims.size < this.max) break;
      this.claims.delete(id);
    }
    this.claims.set(eventId, now + Math.max(1, Math.ceil(ttlMs)));
    return true;
  }
}
