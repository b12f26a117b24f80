import { channelLink, mention } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** "Continue in the channel" in the facilitator's channel-gone DM, once they have let the bot back in: the card and the current step are posted again. */
export function redraw(deps: ListenerDeps): ClickHandler {
  return async (click, { load, say }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    if (click.user !== session.facilitator) {
      await say('replies:redraw.onlyFacilitator', { facilitator: mention(session.facilitator) });
      return;
    }
    const result = await deps.services.redraw(session.id);
    const channel = channelLink(session.channel);
    if (result === 'missing') await say('replies:closed');
    else await say(result === 'done' ? 'replies:redraw.done' : 'replies:redraw.stillGone', { channel });
  };
}
