import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { requestWorkspace } from '../../../service/workspace';
import { type ListenerDeps, logFailure } from '../support/deps';
import { personLanguage } from '../support/speech';

const homeTab = z.object({ user: z.string().regex(/^[UW][A-Z0-9]{2,30}$/), tab: z.string().optional() });

/**
 * The Home tab opened: the person's sessions of this workspace, in their
 * language, published now (outbound/homes.ts), and from now on again when
 * one of them changes.
 * Published on every opening (the same view twice is harmless), so not claimed.
 * Bolt has acked the event before this runs.
 */
export function homeOpened(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event }) => {
    const parsed = homeTab.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    try {
      const { user } = parsed.data;
      await deps.homes.opened(requestWorkspace(), user, await personLanguage(deps, user));
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'app_home_opened' }, error);
    }
  };
}
