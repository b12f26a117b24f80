import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { homeView } from '../../blocks';
import { type ListenerDeps, logFailure } from '../support/deps';
import { personLanguage } from '../support/speech';

const homeTab = z.object({ user: z.string(), tab: z.string().optional() });

/** The Home tab opened: it explains the bot, in the person's language. Published on every opening (the same view twice is harmless), so not claimed. */
export function homeOpened(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>> {
  return async ({ event, client }) => {
    const parsed = homeTab.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    try {
      await client.views.publish({ user_id: parsed.data.user, view: homeView(await personLanguage(deps, parsed.data.user)) });
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'app_home_opened' }, error);
    }
  };
}
