import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { BoundedCache } from '../../bounded-cache';
import { inWorkspace } from '../../service/workspace';
import { type UserDirectory, workspaceDirectory } from '../listeners/support/users';

/**
 * With many workspaces, each request from Slack is served inside its
 * workspace: the team Bolt's authorize found the installation for (for
 * app_uninstalled and tokens_revoked, which Bolt does not authorize, the
 * team of the signed envelope). The session service reads the team
 * (service/workspace.ts); the listeners read the workspace's bot user and
 * people through `perRequest` below, so no listener has to pass them along.
 */

interface RequestWorkspace {
  team: string;
  botUserId: string | undefined;
  client: WebClient;
}

const current = new AsyncLocalStorage<RequestWorkspace>();

/** The global middleware that runs every request inside its workspace; one without a team goes no further. */
export function workspaceMiddleware(): Middleware<AnyMiddlewareArgs> {
  return async ({ context, client, next }) => {
    const team = context.teamId;
    if (!team) return;
    await current.run({ team, botUserId: context.botUserId, client }, () => inWorkspace(team, next));
  };
}

/** The request's workspace's client (Bolt's, with that workspace's token); `fallback` outside a request. */
function requestClient(fallback: WebClient): WebClient {
  return new Proxy(fallback, {
    get: (target, property) => {
      const client = current.getStore()?.client ?? target;
      return Reflect.get(client, property, client);
    },
  });
}

/**
 * What listeners read of the workspace they serve: its bot user and a
 * directory of its people (cached per workspace: one workspace's answers are
 * never another's). Outside a request: no bot user, and an empty directory.
 */
export function perRequest(fallback: WebClient, paced: boolean): { botUserId(): string; users(): UserDirectory } {
  const client = requestClient(fallback);
  const directories = new BoundedCache<string, UserDirectory>(2_000, 24 * 60 * 60 * 1000);
  const directoryOf = (team: string, botUserId: string): UserDirectory => {
    const known = directories.get(team);
    if (known) return known;
    const made = workspaceDirectory(client, botUserId, paced);
    directories.set(team, made);
    return made;
  };
  return {
    botUserId: () => current.getStore()?.botUserId ?? '',
    users: () => {
      const request = current.getStore();
      return directoryOf(request?.team ?? '', request?.botUserId ?? '');
    },
  };
}
