/**
 * Slack's outbound side, as the session service's ports: effects delivered
 * (SlackOutbound), closed sessions erased (Purger), Slack's errors described
 * for the log, and the notices that tell a facilitator what went wrong.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import type { SessionServiceOptions } from '../../service/session-service';
import type { SessionStore } from '../../store/session-store';
import type { WorkspaceAccess } from '../install/workspace-access';
import { SlackOutbound } from './effects';
import { channelGoneNotifier, deactivatedNotifier, userGoneNotifier } from './notices';
import type { HomeTabs } from './homes';
import { Purger } from './purge';
import { describeError } from '../slack-errors';

export interface SlackPortsDeps {
  store: SessionStore;
  /**
   * Each session's workspace: its Web API client, its bot user (to find the
   * bot's messages in a thread) and its chat.update budget. One chat.update
   * budget per workspace for everything this process updates there (the
   * steps, the cards, the close notes), as Slack counts it.
   */
  access: WorkspaceAccess;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  /** The people's App Homes, refreshed when their sessions change (homes.ts). */
  homes?: HomeTabs;
}

/** The ports of the session service, on the Web API client of each session's workspace. */
export function slackPorts(deps: SlackPortsDeps): Pick<SessionServiceOptions, 'outbound' | 'eraser' | 'describeError' | 'onDeactivated'> {
  const { store, access, logger } = deps;
  return {
    outbound: new SlackOutbound({
      ...deps,
      onChannelGone: channelGoneNotifier(store, access, logger),
      onUserGone: userGoneNotifier(store, access, logger),
    }),
    eraser: new Purger(deps),
    describeError,
    onDeactivated: deactivatedNotifier(store, access, logger),
  };
}
