import type { Logger } from 'pino';
import { participants } from '../engine/queries';
import type { Session } from '../engine/session';
import { noMetrics, type Metrics } from '../metrics/metrics';
import { timerKey, type TimerStore } from '../scheduler/timer-store';
import type { InFlight } from '../shutdown';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { OutboxEntry, PurgeRecord, SessionStore } from '../store/session-store';
import type { Delivery, Eraser, ErrorDescriber, Outbound } from './ports';

/**
 * How long a runner's lease on a session lasts unless renewed (it is, every
 * third of it, while the runner works). An instance that stops beating loses
 * its leases at once (Liveness, `takeable`); the expiry is only the fallback
 * for a holder the registry does not know.
 */
const LEASE_MS = 30_000;

export interface OutboxDeps {
  store: SessionStore;
  timers: TimerStore;
  outbound: Outbound;
  eraser: Eraser;
  logger: Logger;
  describeError: ErrorDescriber;
  inFlight: InFlight;
  /** Identifies this process in leases. */
  instanceId: string;
  /** Instances that stopped beating: a lease one of them holds is taken at once. */
  takeable?: () => readonly string[];
  /** Where the effect lag and purges are reported; nowhere when absent. */
  metrics?: Metrics;
}

/** Merges repeated redraws: drawing reads the latest state, so one pass per target is enough. */
function distinct(entries: OutboxEntry[]): OutboxEntry[] {
  const seen = new Set<string>();
  return entries.filter(({ effect }) => {
    if (effect.type !== 'card' && effect.type !== 'phase') return true;
    const key = JSON.stringify(effect);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Runs sessions' committed effects: timers into the timer store, the purge
 * through the eraser, the rest through the outbound port. Effects are
 * idempotent (see Outbound.deliver), so an outbox can be run again after a crash;
 * a lease keeps two instances from running one session's outbox at once.
 */
export class Outbox {
  /** Runs in progress in this process, by session; `again` asks for one more pass when it ends. */
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Sessions whose lease this process holds right now. */
  private readonly holding = new Set<string>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Runs the session's outbox in the background (tracked, so shutdown and tests can wait for it). */
  kick(sessionId: string): void {
    void this.deps.inFlight.track(this.drainLogged(sessionId, 'effects not run; will retry'));
  }

  /** Drains, and logs instead of throwing: the outbox stays for the next run. */
  drainLogged(sessionId: string, message: string): Promise<void> {
    return this.drain(sessionId).catch((error: unknown) => {
      this.deps.logger.warn({ sessionId, error: this.deps.describeError(error) }, message);
    });
  }

  /**
   * Runs the session's outbox until it is empty. A run already going in this
   * process is asked for one more pass instead: its lease would turn a second
   * runner away, and effects committed just as the first one finished would
   * otherwise wait for the next sweep.
   */
  drain(sessionId: string): Promise<void> {
    const running = this.draining.get(sessionId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.run(sessionId);
        } while (state.again);
      } finally {
        this.draining.delete(sessionId);
      }
    })();
    this.draining.set(sessionId, state);
    return state.done;
  }

  /** Runs everything waiting in the session's outbox. Returns false if another instance holds it. */
  async run(sessionId: string): Promise<boolean> {
    const { store, instanceId } = this.deps;
    // The lease and the first read of the outbox in one call.
    let entries = await this.reserve(sessionId, () => store.claimOutbox(sessionId, instanceId, LEASE_MS, this.takeable()));
    if (entries === null) return false;
    await this.holdingLease(sessionId, async (held) => {
      while (held() && entries && entries.length > 0 && (await this.runBatch(sessionId, entries))) entries = await store.outbox(sessionId);
    });
    return true;
  }

  /**
   * Runs `work` while holding the session's lease, renewed as long as the work
   * lasts (a purge waiting on Slack's rate limits may take minutes), so no
   * other runner, here or in another instance, works on the session at the
   * same time. False, without running it, when someone else holds the lease
   * or a run of this process is under way.
   */
  async withLease(sessionId: string, work: () => Promise<void>): Promise<boolean> {
    const { store, instanceId } = this.deps;
    const taken = await this.reserve(sessionId, async () => ((await store.acquireLease(sessionId, instanceId, LEASE_MS, this.takeable())) ? true : null));
    if (taken === null) return false;
    await this.holdingLease(sessionId, work);
    return true;
  }

  /**
   * Marks the session as held by this process before asking for its lease
   * (the lease names the process, so only this mark keeps two runs of one
   * process apart); null, and unmarked, when it is held already or the lease
   * is not had.
   */
  private async reserve<T>(sessionId: string, acquire: () => Promise<T | null>): Promise<T | null> {
    if (this.holding.has(sessionId)) return null;
    this.holding.add(sessionId);
    let got: T | null = null;
    try {
      got = await acquire();
      return got;
    } finally {
      if (got === null) this.holding.delete(sessionId);
    }
  }

  private takeable(): readonly string[] {
    return this.deps.takeable?.() ?? [];
  }

  /**
   * Runs `work` under the lease just taken (and reserved), renewing it while
   * the work lasts, and releases it after. `held` turns false once another
   * instance has taken the lease (this one was taken for dead: it had stopped
   * beating), so the work stops at its next step instead of running beside it.
   */
  private async holdingLease(sessionId: string, work: (held: () => boolean) => Promise<void>): Promise<void> {
    const { store, instanceId, logger } = this.deps;
    let held = true;
    const renewal = async (): Promise<void> => {
      if (held && !(await store.acquireLease(sessionId, instanceId, LEASE_MS))) {
        held = false;
        logger.warn({ sessionId }, 'another instance took over this session (this one had stopped beating): stopping its work here');
      }
    };
    const renew = setInterval(() => void renewal().catch(() => undefined), LEASE_MS / 3);
    renew.unref();
    try {
      await work(() => held);
    } finally {
      clearInterval(renew);
      this.holding.delete(sessionId);
      await store.releaseLease(sessionId, instanceId).catch(() => undefined);
    }
  }

  /** Runs what was read of the outbox and acks it; false when nothing is left to run. */
  private async runBatch(sessionId: string, entries: OutboxEntry[]): Promise<boolean> {
    const { store } = this.deps;
    const last = entries[entries.length - 1];
    if (!last) return false;
    const session = await this.loadOrErase(sessionId, entries);
    if (session === 'erased') return false;
    if (session && entries.some(({ effect }) => effect.type === 'card')) await this.indexPeople(session);
    const batch: Delivery[] = [];
    for (const { id, effect } of distinct(entries)) {
      if (effect.type === 'purge') {
        // The purge drops the session's content and outbox; nothing after it applies.
        if (session) {
          await this.deps.outbound.deliver(session, batch);
          await this.purge(session);
        }
        return false;
      }
      if (!session) continue;
      if (effect.type === 'schedule') await this.deps.timers.schedule({ sessionId, key: timerKey(effect.timer), timer: effect.timer });
      else if (effect.type === 'cancel-timers') await this.deps.timers.cancelAll(sessionId);
      else batch.push({ effect, entryId: id });
    }
    if (session && batch.length > 0) {
      await this.deps.outbound.deliver(session, batch);
      this.reportLag(entries, batch);
    }
    return (await store.ackOutbox(sessionId, last.id)) > 0;
  }

  /**
   * The card changes whenever people come or go (created, invited, joined,
   * left, taken off): its people are indexed first, so their App Home finds
   * it, and whoever is no longer among them is taken out (and the outbound
   * side told, for their App Home).
   */
  private async indexPeople(session: Session): Promise<void> {
    const gone = await this.deps.store.indexPeople(session, participants(session));
    if (gone.length > 0) this.deps.outbound.left?.(session, gone);
  }

  /** How long after its commit each effect just delivered reached Slack (entries written before they kept the time are left out). */
  private reportLag(entries: OutboxEntry[], batch: readonly Delivery[]): void {
    const metrics = this.deps.metrics ?? noMetrics;
    if (!metrics.enabled) return;
    const committed = new Map(entries.map((entry) => [entry.id, entry.at]));
    const now = Date.now();
    for (const { effect, entryId } of batch) {
      const at = committed.get(entryId);
      if (at !== undefined) metrics.effectLag(effect.type, Math.max(0, now - at) / 1000);
    }
  }

  /** A closed session: no timer of it fires again, nobody's App Home lists it, then its content and messages go. */
  private async purge(session: Session): Promise<void> {
    const metrics = this.deps.metrics ?? noMetrics;
    metrics.purge('started');
    await this.deps.timers.cancelAll(session.id);
    await this.deps.store.unindexPeople(session.id, session.team);
    await this.deps.eraser.purge(session);
    metrics.purge('completed');
  }

  /**
   * The session, or 'erased' when it cannot be read any more and its close
   * was already decided: the messages are deleted without its content.
   */
  private async loadOrErase(sessionId: string, entries: OutboxEntry[]): Promise<Session | null | 'erased'> {
    try {
      return await this.deps.store.load(sessionId);
    } catch (error) {
      if (!(error instanceof StoredSessionUnreadableError) || !entries.some((e) => e.effect.type === 'purge')) throw error;
      await this.eraseUnreadable(sessionId, 'facilitator');
      return 'erased';
    }
  }

  /** A session whose stored content cannot be read is closed: no timer of it fires again, its messages go without its content. */
  async eraseUnreadable(sessionId: string, reason: PurgeRecord['reason']): Promise<void> {
    const metrics = this.deps.metrics ?? noMetrics;
    metrics.purge('started');
    await this.deps.timers.cancelAll(sessionId);
    // Who is indexed for it is kept beside the content, readable without it.
    await this.deps.store.unindexPeople(sessionId, await this.deps.store.teamOf(sessionId));
    await this.deps.eraser.purgeUnreadable(sessionId, reason);
    metrics.purge('completed');
  }
}
