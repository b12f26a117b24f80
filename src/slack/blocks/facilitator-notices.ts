/**
 * Direct messages that tell a facilitator (or, when the facilitator is the
 * one gone, the presenter) that something outside the session changed: its
 * channel is gone, someone cannot be reached, an account was deactivated.
 * Only mentions and the title the channel already shows; never case content.
 */
import { limitsOf } from '../../engine/limits';
import { presenterOf } from '../../engine/queries';
import type { Roles } from '../../engine/queries';
import type { Session, UserId } from '../../engine/session';
import { ACTIONS, encodeAction } from '../ids';
import { channelLink, escapeBounded, escapeText, mention } from '../escape';
import type { Noun } from '../../engine/formats/schema';
import { type Block, actions, button, context, section } from './kit';
import { closeButton } from './session-card';
import { capitalized, rolesOf } from './words';

/** The session's title in quotes, or a plain name when it has none. */
function titleOf(session: Session): string {
  return session.title.trim() ? `“${escapeBounded(session.title.trim(), 100)}”` : 'your intervision session';
}

/** The facilitator's notice that the session's channel can no longer be used, with a Close button. */
export function channelGoneMessage(session: Session): { text: string; blocks: Block[] } {
  const { facilitator } = rolesOf(session);
  const title = session.title.trim() ? titleOf(session) : 'Your intervision session';
  const again = button('Continue in the channel', ACTIONS.redraw, encodeAction({ sessionId: session.id, seq: session.seq }));
  const row = actions('channel-gone-actions', [again, closeButton(session, facilitator)]);
  return {
    text: 'Your intervision session cannot continue in its channel',
    blocks: [
      section(
        `${title} in ${channelLink(session.channel)} can't go on there: I can no longer post in that channel (it was archived, or I was removed from it). Nothing is lost.`,
        'channel-gone',
      ),
      section(
        'To continue, unarchive the channel or invite me back with `/invite @Intervision`, then click “Continue in the channel”. Or close the session: everything posted in it is deleted.',
        'channel-gone-what',
      ),
      context([onlyYou(facilitator)]),
      ...(row ? [row] : []),
    ],
  };
}

/** "Only you, the moderator, receive this message." */
function onlyYou(role: Noun): string {
  return `Only you, ${escapeText(role.definite)}, receive this message.`;
}

/** The facilitator's notice that a participant can no longer be reached, and what that means for the rounds. */
export function userGoneMessage(session: Session, user: UserId): { text: string; blocks: Block[] } {
  const { facilitator } = rolesOf(session);
  const title = titleOf(session);
  const turns =
    session.settings.mode === 'async'
      ? "When a round's time runs out, their turn counts as a pass; you can also close the round early."
      : 'When it is their turn, you can skip it with “Skip turn”.';
  return {
    text: 'Someone in your intervision session cannot be reached',
    blocks: [
      section(
        `I couldn't send ${mention(user)} a message for ${title} in ${channelLink(session.channel)}: their Slack account can no longer receive messages (it may have been deactivated). ${turns}`,
        'user-gone',
      ),
      context([onlyYou(facilitator)]),
    ],
  };
}

/**
 * Who hears of it, and what: the facilitator, about a member or the
 * presenter; the presenter, about the facilitator. Names are mentions; no
 * case content, only the title the channel already shows.
 */
export function deactivatedMessage(session: Session, user: UserId, was: Roles): { to: UserId; text: string; blocks: Block[] } | undefined {
  const where = `${titleOf(session)} in ${channelLink(session.channel)}`;
  const { idleDays } = limitsOf(session);
  const { presenter, facilitator, member } = rolesOf(session);
  if (was.presenter) {
    const paused = session.status === 'paused' ? `I paused the session: it cannot go on without ${escapeText(presenter.definite)}.` : `The session cannot go on without ${escapeText(presenter.definite)}.`;
    const row = session.status === 'closing' ? null : actions('deactivated-actions', [closeButton(session, facilitator)]);
    return {
      to: session.facilitator,
      text: `${capitalized(presenter.definite)} of your intervision session can no longer take part`,
      blocks: [
        section(`${mention(user)}, ${escapeText(presenter.definite)} of ${where}, can no longer take part: their Slack account was deactivated. ${paused}`, 'deactivated'),
        section('You can close it now; closing deletes everything posted in it.', 'deactivated-what'),
        context([onlyYou(facilitator)]),
        ...(row ? [row] : []),
      ],
    };
  }
  if (was.facilitator) {
    const turns = was.member ? ' They no longer take turns in the rounds.' : '';
    return {
      to: presenterOf(session),
      text: `${capitalized(facilitator.definite)} of your intervision session can no longer take part`,
      blocks: [
        section(`${mention(user)}, ${escapeText(facilitator.definite)} of ${where}, can no longer take part: their Slack account was deactivated.${turns}`, 'deactivated'),
        section(
          `The session can go on: each step ends by itself once everyone has had their turn. Only ${escapeText(facilitator.definite)} can skip a turn, give more time or close the session, so if it comes to a standstill it is closed, and everything posted in it deleted, after ${idleDays} ${idleDays === 1 ? 'day' : 'days'} without activity.`,
          'deactivated-what',
        ),
        context([onlyYou(presenter)]),
      ],
    };
  }
  if (!was.member) return undefined;
  const goesOn =
    session.status === 'running' || session.status === 'paused'
      ? ' Their turns no longer count, so the rounds go on without them; what they already gave stays in the session.'
      : '';
  return {
    to: session.facilitator,
    text: `${capitalized(member.indefinite)} of your intervision session can no longer take part`,
    blocks: [
      section(`${mention(user)} can no longer take part in ${where}: their Slack account was deactivated, so they are no longer ${escapeText(member.indefinite)}.${goesOn}`, 'deactivated'),
      context([onlyYou(facilitator)]),
    ],
  };
}
