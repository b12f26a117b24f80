import { decideOwned } from '../engine/decide';
import type { FormatRegistry } from '../engine/formats';
import { languageOf } from '../engine/queries';
import type { Command, Effect, Language, Outcome, Rejection, Session, SessionLimits } from '../engine/session';
import type { Clock } from '../clock';
import { noMetrics, type DispatchSource, type Metrics } from '../metrics/metrics';
import { applyWithRetry } from '../store/apply';
import type { SessionStore } from '../store/session-store';
import { belongsTo, otherWorkspace, type OtherWorkspace } from './workspace';

/** The engine's refusal, with what the shell needs to word it: the session's language and format. */
export type SessionRefusal = Rejection & { language: Language; formatId: string };

/** The engine's refusal of a command for `session`, ready to be worded in its language. */
export function refusalIn(session: Session, rejection: Rejection): SessionRefusal {
  return { ...rejection, language: languageOf(session), formatId: session.formatId };
}

export type DispatchResult =
  | { ok: true; duplicate: boolean; session: Session; effects: Effect[] }
  | SessionRefusal
  /** No such session (closed, or never was); or too many changes at once: try again. */
  | { ok: false; code: 'missing' | 'busy' }
  | OtherWorkspace;

/** How a dispatch ended, for the metrics: committed, duplicate, refused (the engine said no), missing, busy or other-workspace. */
function outcomeOf(result: DispatchResult): string {
  if (result.ok) return result.duplicate ? 'duplicate' : 'committed';
  if (result.code === 'missing' || result.code === 'busy' || result.code === 'other-workspace') return result.code;
  return 'refused';
}

/**
 * The one path every change takes: load the session, let the engine decide,
 * commit the result atomically (state + outbox), deciding again when another
 * instance committed in between. Rejections and duplicates write nothing.
 */
export class Dispatcher {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
    private readonly registry?: FormatRegistry,
    /** Limits for a session stored before it kept its own: it was created under this configuration's. */
    private readonly limits?: SessionLimits,
    /** Where the time of each dispatch is reported, as `source`'s. */
    private readonly metrics: { report: Metrics; source: DispatchSource } = { report: noMetrics, source: 'request' },
  ) {}

  /**
   * Applies a command to a session; the caller then runs the outbox. With
   * `team`, a session of another workspace is refused and left as it is.
   */
  async dispatch(sessionId: string, command: Command, team?: string): Promise<DispatchResult> {
    const started = performance.now();
    const result = await this.decideAndCommit(sessionId, command, team);
    this.metrics.report.dispatch(this.metrics.source, outcomeOf(result), (performance.now() - started) / 1000);
    return result;
  }

  private async decideAndCommit(sessionId: string, command: Command, team: string | undefined): Promise<DispatchResult> {
    let verdict: Exclude<Outcome, Rejection> | SessionRefusal | OtherWorkspace | undefined;
    const result = await applyWithRetry(this.store, sessionId, (session) => {
      if (!belongsTo(session, team)) {
        verdict = otherWorkspace;
        return null;
      }
      // The session was loaded for this attempt alone (each attempt loads its
      // own), so the engine may change it in place rather than on a copy.
      if (!session.limits && this.limits) session.limits = { ...this.limits };
      const decided = decideOwned(session, command, this.clock.now(), this.registry);
      verdict = decided.ok ? decided : refusalIn(session, decided);
      if (!decided.ok || decided.duplicate) return null;
      return { next: decided.session, effects: decided.effects };
    });
    switch (result.status) {
      case 'committed':
        return { ok: true, duplicate: false, session: result.session, effects: result.effects };
      case 'unchanged':
        return verdict ?? { ok: false, code: 'missing' };
      case 'missing':
        return { ok: false, code: 'missing' };
      case 'gave-up':
        return { ok: false, code: 'busy' };
    }
  }
}
