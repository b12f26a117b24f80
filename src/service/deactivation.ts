import type { Logger } from 'pino';
import { isParticipant, rolesOf } from '../engine/queries';
import { SYSTEM, type Session, type UserId } from '../engine/session';
import { StoredSessionUnreadableError } from '../store/crypto-codec';
import type { SessionStore } from '../store/session-store';
import type { Dispatcher } from './dispatch';
import type { Outbox } from './outbox';
import type { DeactivationNotice, ErrorDescriber } from './ports';
import { belongsTo } from './workspace';

export interface DeactivationDeps {
  store: SessionStore;
  dispatcher: Dispatcher;
  outbox: Outbox;
  logger: Logger;
  describeError: ErrorDescriber;
  /** Told after a deactivated person was removed from a session, e.g. to tell whoever can act. */
  notice?: DeactivationNotice;
  /** The workspace the account belongs to: only its sessions are looked at (undefined: one workspace). */
  team?: string;
}

/**
 * A person's account was deactivated: every open session in the given
 * channels that they take part in gets the system's removal (the engine
 * decides what it means for their role), its effects are run, and the notice
 * is told. Deactivation is rare, so the channels' indexes are read one by one.
 * A session that fails is logged and skipped; the others go on. Returns how
 * many sessions were told.
 */
export async function removeDeactivated(deps: DeactivationDeps, user: UserId, channels: Iterable<string>): Promise<number> {
  let told = 0;
  for (const channel of new Set(channels)) {
    for (const id of await deps.store.listByChannel(channel, deps.team)) {
      try {
        if (await removeFrom(deps, id, user)) told += 1;
      } catch (error) {
        deps.logger.warn({ sessionId: id, error: deps.describeError(error) }, 'could not remove a deactivated participant');
      }
    }
  }
  return told;
}

/** The session before the removal, when the person takes part in it and it can still change. */
async function takingPart(store: SessionStore, sessionId: string, user: UserId, team: string | undefined): Promise<Session | undefined> {
  let before: Session | null;
  try {
    before = await store.load(sessionId);
  } catch (error) {
    if (error instanceof StoredSessionUnreadableError) return undefined;
    throw error;
  }
  return before && belongsTo(before, team) && before.status !== 'closing' && isParticipant(before, user) ? before : undefined;
}

/** One session's part; false when the person does not take part in it (or it is closing or unreadable). */
async function removeFrom(deps: DeactivationDeps, sessionId: string, user: UserId): Promise<boolean> {
  const before = await takingPart(deps.store, sessionId, user, deps.team);
  if (!before) return false;
  const result = await deps.dispatcher.dispatch(sessionId, {
    // One id per person and session: Slack's repeats and retries are duplicates.
    id: `deactivated:${user}`,
    actor: SYSTEM,
    seq: before.seq,
    kind: 'remove',
    member: user,
    reason: 'deactivated',
  }, deps.team);
  if (!result.ok) {
    deps.logger.info({ sessionId, code: result.code }, 'a deactivated participant was not removed');
    return false;
  }
  // The thread and the card first, then the direct message that explains them.
  if (!result.duplicate) await deps.outbox.drainLogged(sessionId, 'effects not run; will retry');
  await deps.notice?.(result.session, user, rolesOf(before, user));
  return true;
}
