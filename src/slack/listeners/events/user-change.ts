import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { botChannels } from '../support/bot-channels';
import { type ListenerDeps, logFailure } from '../support/deps';
import { takeEventOnce } from '../support/once';

/** A member's data changed; only the id and whether the account is deactivated are read (never the profile). */
const userChanged = z.object({ user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,30}$/), deleted: z.boolean() }) });

/**
 * A person's data changed (user_change): what the bot knew of them (name,
 * time zone, language) is looked up again next time. An account deactivated
 * (deleted: true): the person leaves their open sessions.
 */
export function userChange(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'user_change'>> {
  return async ({ event, body, context, client }) => {
    const parsed = userChanged.safeParse(event);
    if (!parsed.success || parsed.data.user.id === deps.botUserId) return;
    const user = parsed.data.user.id;
    deps.users.forget(user);
    if (!parsed.data.user.deleted) return;
    try {
      // A repeat would change nothing, but would scan every channel of the bot again.
      if (!(await takeEventOnce({ claim: (id) => deps.services.claimEvent(id), logger: deps.logger, body, retryNum: context.retryNum, event: 'user_change' }))) return;
      const sessions = await deps.services.deactivated(user, await botChannels(client));
      const groups = (await deps.groups?.deactivated(user)) ?? 0;
      deps.logger.info({ user, sessions, groups }, 'an account was deactivated: removed from its open sessions and groups');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'user_change' }, error);
    }
  };
}
