import type { App } from '@slack/bolt';
import { isParticipant } from '../../engine';
import { joinModal } from '../blocks';
import { channelLink, link, mention } from '../escape';
import { ACTIONS } from '../ids';
import { type ListenerDeps, TEXT } from './support/deps';
import { onClick } from './support/guard';
import { precheck } from './support/probe';

/**
 * The session card's buttons (Join, Leave, Start, Pause, Resume, Close), the
 * presenter's private-copy toggle, and "Show" in the channel's session list.
 * Each turns a click into one command; the engine decides who may.
 */

/** Shown before joining when the format has no agreement of its own. */
export const STANDARD_AGREEMENT =
  'What is shared in this session stays in this session. I will not repeat the case or anything said here, and I will not bring the case up with the presenter afterwards unless they do.';

/** Registers the card's buttons. */
export function registerCardActions(app: App, deps: ListenerDeps): void {
  onClick(app, deps, ACTIONS.join, async (click, { load, reply, refuse, open }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    if (isParticipant(session, click.user) && session.agreed.includes(click.user)) {
      await reply(TEXT.alreadyIn);
      return;
    }
    const refused = precheck(deps.services, session, click.user, session.seq, { kind: 'join' });
    if (refused) {
      await refuse(refused);
      return;
    }
    const format = deps.services.registry.get(session.formatId);
    const agreement = format?.phases.find((p) => p.kind === 'agreement');
    const text = agreement?.kind === 'agreement' ? agreement.agreement : STANDARD_AGREEMENT;
    await open(joinModal(text, { sessionId: session.id, seq: session.seq }));
  });

  onClick(app, deps, ACTIONS.leave, async (_click, { dispatch, reply }) => {
    const result = await dispatch({ kind: 'leave' });
    if (result?.ok && !result.duplicate) await reply("You've left the session. Thank you for taking part.");
  });

  onClick(app, deps, ACTIONS.pause, async (_click, { dispatch }) => {
    await dispatch({ kind: 'pause' });
  });

  onClick(app, deps, ACTIONS.resume, async (_click, { dispatch }) => {
    await dispatch({ kind: 'resume' });
  });

  // The button carries a confirm dialog, so a click here was confirmed.
  onClick(app, deps, ACTIONS.close, async (_click, { dispatch }) => {
    await dispatch({ kind: 'close', reason: 'facilitator' });
  });

  onClick(app, deps, ACTIONS.presenterCopy, async (click, { dispatch, reply }) => {
    const op = click.ref?.op;
    if (op !== 'on' && op !== 'off') {
      await reply(TEXT.notOurs);
      return;
    }
    const result = await dispatch({ kind: 'presenter-copy', on: op === 'on' });
    if (result?.ok && !result.duplicate) {
      await reply(op === 'on' ? "You'll get a private copy by direct message when the session closes." : 'No private copy will be kept: everything is deleted at close.');
    }
  });

  // From the facilitator's "channel is gone" DM, once they have let the bot back in.
  onClick(app, deps, ACTIONS.redraw, async (click, { load, reply }) => {
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
  });

  onClick(app, deps, ACTIONS.listOpen, async (_click, { load, reply, client }) => {
    const found = await load();
    if (!found) return;
    const card = await deps.services.card(found.session.id);
    const permalink = card ? (await client.chat.getPermalink({ channel: card.channel, message_ts: card.ts })).permalink : undefined;
    await reply(permalink ? `Here it is: ${link(permalink, 'the session card')}. The session happens in its thread.` : TEXT.closed);
  });
}
