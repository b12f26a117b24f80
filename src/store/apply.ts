import type { Effect, Session } from '../engine/session';
import type { SessionStore } from './session-store';

/** What a change makes of the session it was given: the next session and its effects, or null for "nothing to do". */
export type Change = { next: Session; effects: Effect[] } | null;

export type ApplyResult =
  | { status: 'committed'; session: Session; effects: Effect[]; attempts: number }
  /**
   * The change had nothing to do on the current session (a duplicate, a
   * rejection): nothing was written. `session` is the one the change was
   * given: a change that works on it in place may have left it half-changed.
   */
  | { status: 'unchanged'; session: Session; attempts: number }
  | { status: 'missing'; attempts: number }
  /** Other writers won every attempt; the caller may tell the person to try again. */
  | { status: 'gave-up'; attempts: number };

/** Default number of load-change-commit attempts before giving up. */
const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Optimistic update: load, change, commit on the seq that was loaded; when
 * another writer committed first, load again and change again. No lock: the
 * seq check in the commit is the whole guard, so `change` must be pure (it
 * may run several times) and must return a session whose seq is one higher.
 * Each attempt loads its own session and gives it to `change` alone, so
 * `change` may work on it in place (the dispatcher's decideOwned).
 */
export async function applyWithRetry(
  store: SessionStore,
  id: string,
  change: (session: Session) => Change | Promise<Change>,
  options: { maxAttempts?: number } = {},
): Promise<ApplyResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempts = 1; attempts <= maxAttempts; attempts += 1) {
    const session = await store.load(id);
    if (!session) return { status: 'missing', attempts };
    // Read first: a change may take the loaded session over and change it in place (decideOwned).
    const loadedSeq = session.seq;
    const changed = await change(session);
    if (!changed) return { status: 'unchanged', session, attempts };
    const result = await store.commit(changed.next, loadedSeq, changed.effects);
    if (result === 'committed') return { status: 'committed', session: changed.next, effects: changed.effects, attempts };
    if (result === 'missing') return { status: 'missing', attempts };
  }
  return { status: 'gave-up', attempts: maxAttempts };
}
