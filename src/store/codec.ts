import type { Session } from '../engine/session';
import type { SessionCodec } from './session-store';

function isStoredSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.id === 'string' && typeof v.seq === 'number' && typeof v.channel === 'string';
}

/**
 * The default codec: plain JSON. Decoding checks the schema version and the
 * identifying fields only; the session was written by this code, and a full
 * schema of the session belongs to the engine, not the store.
 */
export const jsonCodec: SessionCodec = {
  encode(session: Session): string {
    return JSON.stringify(session);
  },
  decode(stored: string): Session {
    const value: unknown = JSON.parse(stored);
    // The message names no content: the stored text is confidential.
    if (!isStoredSession(value)) throw new Error('stored session has an unknown shape or version');
    return value;
  },
};
