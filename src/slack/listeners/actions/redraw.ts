import { channelLink, mention } from '../../escape';
import { type ListenerDeps, TEXT } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** "Continue in the channel" in the facilitator's channel-gone DM, once they have let the bot back in: the card and the current step are posted again. */
export function redraw(deps: ListenerDeps): ClickHandler {
  return async (click, { load, reply }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    if (click.user !== session.facilitator) {
      await reply(`Only the facilitator (${mention(session.facilitator)}) can do this.`);
      return;
    }
    const result = await deps.services.redraw(session.id);
    if (result === 'missing') await reply(TEXT.closed);
    else if (result === 'done') await reply(`The session goes on in ${channelLink(session.channel)}: its card and the current step are there again.`);
    else await reply(`I still can't post in ${channelLink(session.channel)}. Unarchive it or invite me with \`/invite @Intervision\`, then try again.`);
  };
}
