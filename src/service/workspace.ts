import { AsyncLocalStorage } from 'node:async_hooks';
import type { Session } from '../engine/session';

/**
 * Which workspace a request comes from, when workspaces install the bot
 * themselves. The Slack side runs each request inside `inWorkspace(team, …)`
 * (a Bolt middleware, from the team its installation was found for), and the
 * session service reads it here: a session belongs to the workspace that
 * created it, and a request of another workspace is refused, whatever ids it
 * carries. Work the service starts itself (timers, the sweep) runs outside any
 * request and acts on each session for the session's own workspace.
 *
 * With one workspace (SLACK_BOT_TOKEN) nothing runs inside a workspace and
 * sessions carry none: everything works as before there were several.
 */

/** One workspace (a bot token), or many (each installs the bot: every request must name its workspace). */
export type Workspaces = 'one' | 'many';

const current = new AsyncLocalStorage<string>();

/** Runs `work` (and everything it starts) as a request of the workspace `team`. */
export function inWorkspace<T>(team: string, work: () => T): T {
  return current.run(team, work);
}

/** The workspace of the request being served, if it runs inside one. */
export function requestWorkspace(): string | undefined {
  return current.getStore();
}

/** A command for a session of another workspace (or from a request that named none), refused (the shell says so in the person's language). */
export interface OtherWorkspace {
  ok: false;
  code: 'other-workspace';
}

export const otherWorkspace: OtherWorkspace = { ok: false, code: 'other-workspace' };

/**
 * Whose sessions a request may reach: `{ team }` in a workspace (undefined
 * with one workspace), or null when sessions are per workspace and the
 * request names none, which reaches nothing.
 */
export function requestScope(workspaces: Workspaces): { team: string | undefined } | null {
  const team = requestWorkspace();
  if (workspaces === 'many' && team === undefined) return null;
  return { team };
}

/** Whether a session may be reached from `team` (undefined: one workspace, every session). */
export function belongsTo(session: Pick<Session, 'team'>, team: string | undefined): boolean {
  return team === undefined || session.team === team;
}
