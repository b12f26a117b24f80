/**
 * Slack's outbound side, as the session service's ports: effects delivered
 * (SlackOutbound), closed sessions erased (Purger), Slack's errors described
 * for the log, and the notices that tell a facilitator what went wrong.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import type { SessionServiceOptions } from '../../service/session-service';
import type { SessionStore } from '../../store/session-store';
import { CallBudget } from '../budget';
import { SlackOutbound } from './effects';
import { channelGoneNotifier, deactivatedNotifier, userGoneNotifier } from './notices';
import { Purger } from './purge';
import { describeError } from '../slack-errors';

export interface SlackPortsDeps {
  store: SessionStore;
  client: WebClient;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  /** The bot's own user id, to find its messages in a thread. */
  botUserId: string;
  /** chat.update calls per minute (and at once) this process spends in the workspace (SLACK_UPDATES_PER_MINUTE); unpaced when absent. */
  updateBudget?: { perMinute: number; burst: number };
}

/** The ports of the session service, on one Web API client. */
export function slackPorts(deps: SlackPortsDeps): Pick<SessionServiceOptions, 'outbound' | 'eraser' | 'describeError' | 'onDeactivated'> {
  const { store, client, logger } = deps;
  // One chat.update budget for everything this process updates: the steps, the cards, the close notes.
  const updates = deps.updateBudget ? new CallBudget(deps.updateBudget.perMinute, deps.updateBudget.burst) : undefined;
  return {
    outbound: new SlackOutbound({
      ...deps,
      ...(updates ? { updates } : {}),
      onChannelGone: channelGoneNotifier(store, client, logger),
      onUserGone: userGoneNotifier(store, client, logger),
    }),
    eraser: new Purger({ ...deps, botUserId: async () => deps.botUserId, ...(updates ? { updates } : {}) }),
    describeError,
    onDeactivated: deactivatedNotifier(store, client, logger),
  };
}
