/**
 * Direct messages that tell a facilitator (or, when the facilitator is the
 * one gone, the presenter) that something outside the session changed: its
 * channel is gone, someone cannot be reached, an account was deactivated.
 * Only mentions and the title the channel already shows; never case content.
 * In the session's language.
 */
import { limitsOf } from '../../engine/limits';
import { presenterOf } from '../../engine/queries';
import type { Roles } from '../../engine/queries';
import type { Session, UserId } from '../../engine/session';
import { ACTIONS, encodeAction } from '../ids';
import { channelLink, escapeBounded, mention } from '../escape';
import type { Noun } from '../../engine/formats/schema';
import { type Block, actions, button, context, section } from './kit';
import { closeButton } from './session-card';
import { escapedNoun, rolesOf, trOf, type Translator } from './words';

/** The session's title in quotes, or a plain name when it has none. */
function titleOf(tr: Translator, session: Session, start = false): string {
  const title = session.title.trim();
  if (title) return tr('common:quoted', { text: escapeBounded(title, 100) });
  return tr(start ? 'dms:yourSessionStart' : 'common:yourSession');
}

/** The facilitator's notice that the session's channel can no longer be used, with a Close button. */
export function channelGoneMessage(session: Session): { text: string; blocks: Block[] } {
  const tr = trOf(session);
  const { facilitator } = rolesOf(session);
  const again = button(tr('dms:channelGone.again'), ACTIONS.redraw, encodeAction({ sessionId: session.id, seq: session.seq }));
  const row = actions('channel-gone-actions', [again, closeButton(session, facilitator)]);
  return {
    text: tr('dms:channelGone.text'),
    blocks: [
      section(tr('dms:channelGone.first', { session: titleOf(tr, session, true), channel: channelLink(session.channel) }), 'channel-gone'),
      section(tr('dms:channelGone.what'), 'channel-gone-what'),
      context([onlyYou(tr, facilitator)]),
      ...(row ? [row] : []),
    ],
  };
}

/** "Only you, the moderator, receive this message." */
function onlyYou(tr: Translator, role: Noun): string {
  return tr('dms:onlyYou', { role: escapedNoun(role) });
}

/** The facilitator's notice that a participant can no longer be reached, and what that means for the rounds. */
export function userGoneMessage(session: Session, user: UserId): { text: string; blocks: Block[] } {
  const tr = trOf(session);
  const { facilitator } = rolesOf(session);
  const turns = tr(session.settings.mode === 'async' ? 'dms:userGone.async' : 'dms:userGone.live');
  return {
    text: tr('dms:userGone.text'),
    blocks: [
      section(tr('dms:userGone.first', { user: mention(user), session: titleOf(tr, session), channel: channelLink(session.channel), turns }), 'user-gone'),
      context([onlyYou(tr, facilitator)]),
    ],
  };
}

/** Someone deactivated was the presenter: the facilitator hears of it, with a Close button. */
function presenterGone(tr: Translator, session: Session, user: UserId, where: string): { to: UserId; text: string; blocks: Block[] } {
  const roles = rolesOf(session);
  const presenter = escapedNoun(roles.presenter);
  const paused = tr(session.status === 'paused' ? 'dms:deactivated.paused' : 'dms:deactivated.cannotGoOn', { presenter });
  const row = session.status === 'closing' ? null : actions('deactivated-actions', [closeButton(session, roles.facilitator)]);
  return {
    to: session.facilitator,
    text: tr('dms:deactivated.presenterText', { presenter: roles.presenter }),
    blocks: [
      section(tr('dms:deactivated.presenter', { user: mention(user), presenter, where, paused }), 'deactivated'),
      section(tr('dms:deactivated.closeNow'), 'deactivated-what'),
      context([onlyYou(tr, roles.facilitator)]),
      ...(row ? [row] : []),
    ],
  };
}

/** Someone deactivated was the facilitator: the presenter hears that the session can go on, and what it cannot do. */
function facilitatorGone(tr: Translator, session: Session, user: UserId, where: string, wasMember: boolean): { to: UserId; text: string; blocks: Block[] } {
  const roles = rolesOf(session);
  const facilitator = escapedNoun(roles.facilitator);
  const turns = wasMember ? tr('dms:deactivated.noTurns') : '';
  const { idleDays } = limitsOf(session);
  return {
    to: presenterOf(session),
    text: tr('dms:deactivated.facilitatorText', { facilitator: roles.facilitator }),
    blocks: [
      section(tr('dms:deactivated.facilitator', { user: mention(user), facilitator, where, turns }), 'deactivated'),
      section(tr('dms:deactivated.goesOnAlone', { facilitator, count: idleDays }), 'deactivated-what'),
      context([onlyYou(tr, roles.presenter)]),
    ],
  };
}

/**
 * Who hears of it, and what: the facilitator, about a member or the
 * presenter; the presenter, about the facilitator. Names are mentions; no
 * case content, only the title the channel already shows.
 */
export function deactivatedMessage(session: Session, user: UserId, was: Roles): { to: UserId; text: string; blocks: Block[] } | undefined {
  const tr = trOf(session);
  const where = tr('dms:deactivated.where', { session: titleOf(tr, session), channel: channelLink(session.channel) });
  if (was.presenter) return presenterGone(tr, session, user, where);
  if (was.facilitator) return facilitatorGone(tr, session, user, where, was.member);
  if (!was.member) return undefined;
  const { member, facilitator } = rolesOf(session);
  const goesOn = session.status === 'running' || session.status === 'paused' ? tr('dms:deactivated.goesOn') : '';
  return {
    to: session.facilitator,
    text: tr('dms:deactivated.memberText', { member }),
    blocks: [
      section(tr('dms:deactivated.member', { user: mention(user), where, member: escapedNoun(member), goesOn }), 'deactivated'),
      context([onlyYou(tr, facilitator)]),
    ],
  };
}
