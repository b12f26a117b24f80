import { link } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** "Show" in `/intervision list`: a link to the session's card. */
export function listOpen(deps: ListenerDeps): ClickHandler {
  return async (_click, { load, say, tr, client }) => {
    const found = await load();
    if (!found) return;
    const card = await deps.services.card(found.session.id);
    const permalink = card ? (await client.chat.getPermalink({ channel: card.channel, message_ts: card.ts })).permalink : undefined;
    if (!permalink) return say('replies:closed');
    await say('replies:hereItIs', { card: link(permalink, (await tr())('replies:theCard')) });
  };
}
