import type { InstallProvider } from '@slack/oauth';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { BoundedCache } from '../../bounded-cache';
import { CallBudget } from '../budget';
import { isNotInstalled } from './installation-store';

/**
 * What the outbound side (effects, purges, notices) needs to reach a
 * session's workspace: its Web API client, its bot user, and the chat.update
 * budget Slack counts per workspace. With one workspace that is the app's own
 * client; with many, the client of the workspace's installation, found
 * through Bolt's installer (which refreshes a rotating token that is about to
 * expire, and stores it again, encrypted).
 */
export interface WorkspaceAccess {
  /** The Web API client for `team` (undefined: a session stored without one). Throws WorkspaceGoneError when it has no installation. */
  client(team: string | undefined): Promise<WebClient>;
  /** The bot's own user in `team`, to find its messages in a thread. */
  botUserId(team: string | undefined): Promise<string | undefined>;
  /** The chat.update budget of `team` (unpaced when absent). */
  updates(team: string | undefined): CallBudget | undefined;
  /** The views.publish budget of `team` (App Homes), within Slack's Tier 4. */
  publishes(team: string | undefined): CallBudget;
  /** Forgets what is remembered of `team` (it uninstalled the bot). */
  forget(team: string): void;
}

/**
 * The workspace no longer has the bot (uninstalled, tokens revoked), or the
 * session names none where every session must: nothing can reach its Slack,
 * and trying again will not help. Never thrown for a store that does not answer.
 */
export class WorkspaceGoneError extends Error {
  override readonly name = 'WorkspaceGoneError';
  readonly code = 'workspace_gone';
}

/** The chat.update budget for SLACK_UPDATES_PER_MINUTE (and who is told of each wait), or none. */
export type BudgetSettings = { perMinute: number; burst: number; onWaited?: (seconds: number) => void } | undefined;

const budgetOf = (settings: BudgetSettings): CallBudget | undefined => (settings ? new CallBudget(settings.perMinute, settings.burst, Date.now, settings.onWaited) : undefined);

/**
 * views.publish is Tier 4 (100+ a minute per workspace): App Homes are
 * published at most this often, a burst of 20 after a quiet spell, so a
 * session of many people never takes the bot past it.
 */
export const PUBLISHES_PER_MINUTE = 90;
const publishBudget = (): CallBudget => new CallBudget(PUBLISHES_PER_MINUTE, 20);

/** One workspace: the app's client and bot user for every session. */
export function oneWorkspace(client: WebClient, botUserId: string, updates: BudgetSettings): WorkspaceAccess {
  const budget = budgetOf(updates);
  const publishes = publishBudget();
  return {
    client: async () => client,
    botUserId: async () => botUserId,
    updates: () => budget,
    publishes: () => publishes,
    forget: () => undefined,
  };
}

/** How long a workspace's token is used before its installation is read again: far inside Bolt's 2 h refresh margin. */
const REMEMBER_MS = 60_000;
/** Workspaces remembered at once (clients and budgets): those active in the last minutes. */
const MAX_WORKSPACES = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Found {
  client: WebClient;
  botUserId: string | undefined;
}

/** Many workspaces: each session reaches its own through its installation. */
export function installedWorkspaces(installer: Pick<InstallProvider, 'authorize'>, clientOptions: WebClientOptions, updates: BudgetSettings): WorkspaceAccess {
  const found = new BoundedCache<string, Promise<Found>>(MAX_WORKSPACES, REMEMBER_MS);
  const budgets = new BoundedCache<string, CallBudget>(MAX_WORKSPACES, DAY_MS);
  const publishes = new BoundedCache<string, CallBudget>(MAX_WORKSPACES, DAY_MS);
  // By token, so a workspace keeps one client (and its queue, paused on a 429) until its token is rotated.
  const clients = new BoundedCache<string, WebClient>(MAX_WORKSPACES, DAY_MS);
  const clientFor = (token: string): WebClient => {
    const client = clients.get(token) ?? new WebClient(token, clientOptions);
    clients.set(token, client);
    return client;
  };
  const lookUp = async (team: string): Promise<Found> => {
    try {
      const auth = await installer.authorize({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false });
      if (!auth.botToken) throw new WorkspaceGoneError('the installation has no bot token');
      return { client: clientFor(auth.botToken), botUserId: auth.botUserId };
    } catch (error) {
      if (isNotInstalled(error)) throw new WorkspaceGoneError('the workspace no longer has the bot installed', { cause: error });
      throw error;
    }
  };
  const access = (team: string | undefined): Promise<Found> => {
    if (!team) return Promise.reject(new WorkspaceGoneError('the session belongs to no workspace'));
    const known = found.get(team);
    if (known) return known;
    // One look-up at a time per workspace: a burst of effects reads (and maybe refreshes) the installation once.
    const pending = lookUp(team);
    found.set(team, pending);
    pending.catch(() => found.delete(team));
    return pending;
  };
  return {
    client: async (team) => (await access(team)).client,
    botUserId: async (team) => (await access(team)).botUserId,
    updates: (team) => {
      if (!updates || !team) return undefined;
      const budget = budgets.get(team) ?? budgetOf(updates);
      if (budget) budgets.set(team, budget);
      return budget;
    },
    publishes: (team) => {
      const budget = publishes.get(team ?? '') ?? publishBudget();
      publishes.set(team ?? '', budget);
      return budget;
    },
    forget: (team) => found.delete(team),
  };
}
