import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Session } from '../engine/session';
import type { TimerStore } from '../scheduler/timer-store';
import type { PurgeRecord, SessionStore } from '../store/session-store';
import type { ErrorDescriber } from './ports';

export interface ForgetDeps {
  store: SessionStore;
  timers: TimerStore;
  clock: Clock;
  logger: Logger;
  describeError: ErrorDescriber;
}

/**
 * A workspace removed the bot (app_uninstalled) or its bot token
 * (tokens_revoked): its tokens no longer work, so nothing can be posted,
 * updated or deleted in its Slack any more. Every session of it is closed at
 * once: its timers cancelled and everything stored about it dropped (the
 * content first, in the store's one atomic step, then the rest), including a
 * close already under way, and every person index of the workspace. Its messages stay in Slack (docs/privacy.md).
 * Each step is safe to repeat; a session that fails is logged and the others
 * go on. Returns how many sessions were forgotten.
 */
export async function forgetWorkspace(deps: ForgetDeps, team: string): Promise<number> {
  const ids = new Set(await deps.store.listByTeam(team));
  const closing = new Map<string, PurgeRecord>();
  for (const record of await deps.store.pendingPurges()) {
    if (record.team === team) closing.set(record.sessionId, record);
  }
  let forgotten = 0;
  for (const id of new Set([...ids, ...closing.keys()])) {
    try {
      if (await forgetSession(deps, id, team, closing.get(id))) forgotten += 1;
    } catch (error) {
      deps.logger.warn({ sessionId: id, error: deps.describeError(error) }, 'could not forget a session of an uninstalled workspace');
    }
  }
  // Nobody's App Home there can be reached any more: the sessions' people go with them.
  await deps.store.forgetPeople(team).catch((error: unknown) => {
    deps.logger.warn({ team, error: deps.describeError(error) }, "could not drop an uninstalled workspace's person indexes (they expire on their own)");
  });
  deps.logger.info({ team, sessions: forgotten }, 'a workspace removed the bot: its sessions are closed and their stored data dropped');
  return forgotten;
}

/** One session's part; false when there is nothing of it (any more), or it is not the workspace's. */
async function forgetSession(deps: ForgetDeps, id: string, team: string, closing: PurgeRecord | undefined): Promise<boolean> {
  const { store } = deps;
  if (!closing) {
    const found = await readable(store, id);
    // An index entry must never close another workspace's session: what is stored beside the content decides.
    const owner = found?.team ?? (await store.teamOf(id));
    if (owner !== team) return false;
    await deps.timers.cancelAll(id);
    await store.beginPurge(recordOf(deps, id, team, found));
  } else {
    await deps.timers.cancelAll(id);
  }
  await store.finishPurge(id);
  return true;
}

/** The session, or undefined when it is gone or cannot be read (its workspace is then read beside it). */
async function readable(store: SessionStore, id: string): Promise<Session | undefined> {
  try {
    return (await store.load(id)) ?? undefined;
  } catch {
    return undefined;
  }
}

function recordOf(deps: ForgetDeps, id: string, team: string, session: Session | undefined): PurgeRecord {
  const now = deps.clock.now();
  return {
    sessionId: id,
    channel: session?.channel ?? '',
    formatId: session?.formatId ?? '',
    people: 0,
    createdAt: session?.createdAt ?? now,
    closedAt: now,
    reason: 'uninstalled',
    team,
  };
}
