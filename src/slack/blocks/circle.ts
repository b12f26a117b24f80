import type { Format, Roles } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { LIMITS, channelLink, escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, CALLBACKS, type ActionRef, encodeAction } from '../ids';
import { type Block, type MessagePayload, type ModalView, actions, button, context, plain, section } from './kit';
import { sessionName as nameOf } from './dms';
import { input } from './new-session-modal';
import { capitalized, escapedNoun, rolesOf, trOf, type Translator } from './words';

/**
 * What the circle of trust shows: the agreement offered with a refusal, the
 * invitation and the "taken off" direct messages, the facilitator's
 * confirmation before taking people off, the members modal, the "you're in"
 * view, and the content-free pointer left in the channel where a private
 * room's session was created. None of them holds anything confidential: a
 * title is non-confidential by design.
 */

function sessionName(session: Session): string {
  return nameOf(session, 'one');
}

/** A refusal to someone who has not confirmed the agreement, with the button that lets them read and confirm it (`tr`: the session's language). */
export function agreementOffer(tr: Translator, reason: string, ref: ActionRef): MessagePayload {
  const value = encodeAction({ sessionId: ref.sessionId, seq: ref.seq });
  return {
    text: reason,
    // Refusals hold mentions and the bot's own words, never what people wrote.
    blocks: [section(reason, 'offer'), actions('offer-actions', [button(tr('modals:offer.agree'), ACTIONS.join, value, { style: 'primary' })]) as Block],
  };
}

/** Where the session happens, in words, for someone outside it. */
function placeWords(tr: Translator, session: Session): string {
  return session.room ? tr('dms:invitation.inRoom') : tr('dms:invitation.inChannel', { channel: channelLink(session.channel) });
}

/** Someone named in a session is asked to read and confirm the agreement. */
export function invitationDm(session: Session, format: Format): MessagePayload {
  const tr = trOf(session);
  const value = encodeAction({ sessionId: session.id, seq: session.seq });
  const lines = [
    tr('dms:invitation.first', { creator: mention(session.createdBy), session: sessionName(session), format: escapeText(format.name), where: placeWords(tr, session) }),
    tr('dms:invitation.second'),
  ];
  return {
    text: tr('dms:invitation.text', { title: escapeBounded(session.title.trim(), 200) || tr('common:aSession') }),
    blocks: [
      ...lines.map((line, i) => section(line, `invite-${i + 1}`)),
      actions('invite-actions', [button(tr('dms:invitation.join'), ACTIONS.join, value, { style: 'primary' })]) as Block,
      context([tr('dms:invitation.note')]),
    ],
  };
}

/** Someone is no longer part of the session: taken off at the start (not agreed), or by the facilitator before it. */
export function takenOffDm(session: Session, roles: Roles = rolesOf(session)): MessagePayload {
  const tr = trOf(session);
  const why =
    session.status === 'open'
      ? tr('dms:takenOff.changed', { facilitator: escapedNoun(roles.facilitator), user: mention(session.facilitator), session: sessionName(session) })
      : tr('dms:takenOff.started', { session: sessionName(session) });
  return { text: tr('dms:takenOff.text'), blocks: [section(why, 'taken-off'), context([tr('dms:takenOff.note')])] };
}

/** The facilitator's confirmation before people who have not agreed are taken off (`tr`: the session's language). */
export function takeOffModal(tr: Translator, reason: string, privateMetadata: string, starting: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.takeOff,
    private_metadata: privateMetadata,
    title: plain(tr(starting ? 'modals:takeOff.startTitle' : 'modals:takeOff.goOnTitle'), LIMITS.modalTitle),
    submit: plain(tr(starting ? 'modals:takeOff.start' : 'modals:takeOff.goOn'), LIMITS.modalButton),
    close: plain(tr('modals:takeOff.wait'), LIMITS.modalButton),
    blocks: [section(reason, 'take-off'), context([tr('modals:takeOff.note')])],
  };
}

/** A modal that only says why something could not be done (for a modal with no field to show an error on). */
export function notDoneView(tr: Translator, reason: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.takeOff,
    title: plain(tr('modals:notDone.title'), LIMITS.modalTitle),
    close: plain(tr('modals:close'), LIMITS.modalButton),
    blocks: [section(reason, 'not-done')],
  };
}

/** Where the members modal keeps its one field. */
export const PEOPLE_FIELD = { block: 'people', action: 'people' } as const;

/** Before the start, the facilitator sets who the members are. */
export function peopleModal(session: Session, ref: ActionRef, roles: Roles = rolesOf(session)): ModalView {
  const tr = trOf(session);
  const { presenter, facilitator, member } = roles;
  const members = session.members.filter((m) => m !== session.facilitator && m !== session.presenter);
  return {
    type: 'modal',
    callback_id: CALLBACKS.people,
    private_metadata: encodeAction(ref),
    title: plain(tr('modals:people.title'), LIMITS.modalTitle),
    submit: plain(tr('modals:save'), LIMITS.modalButton),
    close: plain(tr('modals:cancel'), LIMITS.modalButton),
    blocks: [
      section(
        tr('modals:people.roles', {
          facilitatorRole: escapeText(capitalized(facilitator.singular)),
          facilitator: mention(session.facilitator),
          presenterRole: escapeText(capitalized(presenter.singular)),
          presenter: mention(presenterOf(session)),
        }),
        'people-roles',
      ),
      input(PEOPLE_FIELD.block, capitalized(member.plural), {
        type: 'multi_users_select',
        action_id: PEOPLE_FIELD.action,
        placeholder: plain(tr('modals:people.placeholder'), LIMITS.placeholder),
        ...(members.length > 0 ? { initial_users: members } : {}),
      }, { optional: true, hint: tr('modals:people.hint') }),
    ],
  };
}

/** Shown in place of the agreement modal once someone has confirmed it. */
export function joinedView(session: Session): ModalView {
  const tr = trOf(session);
  const where = session.room ? tr('modals:joined.room') : tr('modals:joined.thread', { channel: channelLink(session.channel) });
  return {
    type: 'modal',
    callback_id: CALLBACKS.join,
    title: plain(tr('modals:joined.title'), LIMITS.modalTitle),
    close: plain(tr('modals:done'), LIMITS.modalButton),
    blocks: [section(tr('modals:joined.text', { session: sessionName(session), where }), 'joined')],
  };
}

/** The content-free pointer in the channel where a private room's session was created. */
export function renderPointer(session: Session, format: Format): MessagePayload {
  const tr = trOf(session);
  const lines = [tr('card:pointer.first', { session: sessionName(session), format: escapeText(format.name), facilitator: mention(session.facilitator) })];
  const blocks: Block[] = [];
  if (session.status === 'open') {
    lines.push(tr('card:pointer.open'));
    blocks.push(section(lines.join('\n'), 'pointer'));
    blocks.push(actions('pointer-actions', [button(tr('card:buttons.join'), ACTIONS.join, encodeAction({ sessionId: session.id, seq: session.seq }), { style: 'primary' })]) as Block);
  } else {
    lines.push(tr('card:pointer.started'));
    blocks.push(section(lines.join('\n'), 'pointer'));
  }
  return { text: tr('card:pointer.text', { title: escapeBounded(session.title.trim(), 200) || tr('card:pointer.untitled') }), blocks };
}
