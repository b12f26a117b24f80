/**
 * What the stores tell the metrics about themselves (GET /metrics): open
 * sessions by format, mode and phase, and what waits in the outboxes. Each
 * session keeps its "census tag" beside its content, in the clear (format,
 * mode and phase ids only, never anything people wrote), so the figures can
 * be read without decoding (or decrypting) any session.
 */
import type { Session } from '../engine/session';
import type { Census } from '../metrics/metrics';
import { outboxEntrySchema, parseStored } from './schemas';

/** How a session is counted: "<format>|<mode>|<phase>". Mode: live, call or async; phase: the phase id while one runs, else the status. */
export function censusTagOf(session: Session): string {
  const mode = session.settings.mode === 'live' && session.settings.onCall ? 'call' : session.settings.mode;
  const inPhase = (session.status === 'running' || session.status === 'paused') && session.current;
  const phase = inPhase && session.current ? session.current.id : session.status;
  return `${session.formatId}|${mode}|${phase}`;
}

/** Sessions counted by tag (a tag that is not one, from an older version, counts as "unknown"). */
export function tallySessions(tags: Iterable<string | null | undefined>): Census['sessions'] {
  const counts = new Map<string, number>();
  for (const tag of tags) {
    const key = tag && tag.split('|').length === 3 ? tag : 'unknown|unknown|unknown';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([tag, count]) => {
    const [format = 'unknown', mode = 'unknown', phase = 'unknown'] = tag.split('|');
    return { format, mode, phase, count };
  });
}

/** The outboxes' figures from each waiting outbox's length and oldest entry (its JSON). */
export function tallyOutboxes(outboxes: Iterable<{ length: number; oldest: string | null | undefined }>): Census['outbox'] {
  let sessions = 0;
  let entries = 0;
  let oldestAt: number | undefined;
  for (const { length, oldest } of outboxes) {
    if (length === 0) continue;
    sessions += 1;
    entries += length;
    const at = oldest ? entryTime(oldest) : undefined;
    if (at !== undefined && (oldestAt === undefined || at < oldestAt)) oldestAt = at;
  }
  return { sessions, entries, oldestAt };
}

/** When an outbox entry was committed; undefined for an entry written before entries kept it, or one that does not parse. */
function entryTime(json: string): number | undefined {
  try {
    return parseStored(outboxEntrySchema, json, 'outbox entry').at;
  } catch {
    return undefined;
  }
}
