import type { Format, Roles } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { LIMITS, channelLink, escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, CALLBACKS, type ActionRef, encodeAction } from '../ids';
import { type Block, type MessagePayload, type ModalView, actions, button, context, plain, section } from './kit';
import { sessionName as nameOf } from './dms';
import { input } from './new-session-modal';
import { capitalized, rolesOf } from './words';

/**
 * What the circle of trust shows: the agreement offered with a refusal, the
 * invitation and the "taken off" direct messages, the facilitator's
 * confirmation before taking people off, the members modal, the "you're in"
 * view, and the content-free pointer left in the channel where a private
 * room's session was created. None of them holds anything confidential: a
 * title is non-confidential by design.
 */

function sessionName(session: Session): string {
  return nameOf(session, 'an intervision session');
}

/** A refusal to someone who has not confirmed the agreement, with the button that lets them read and confirm it. */
export function agreementOffer(reason: string, ref: ActionRef): MessagePayload {
  const value = encodeAction({ sessionId: ref.sessionId, seq: ref.seq });
  return {
    text: reason,
    // Engine reasons hold mentions and the bot's own words, never what people wrote.
    blocks: [section(reason, 'offer'), actions('offer-actions', [button('Read and agree', ACTIONS.join, value, { style: 'primary' })]) as Block],
  };
}

/** Where the session happens, in words, for someone outside it. */
function placeWords(session: Session): string {
  return session.room ? 'in a private channel just for its participants' : `in ${channelLink(session.channel)}`;
}

/** Someone named in a session is asked to read and confirm the agreement. */
export function invitationDm(session: Session, format: Format): MessagePayload {
  const value = encodeAction({ sessionId: session.id, seq: session.seq });
  const lines = [
    `${mention(session.createdBy)} invited you to ${sessionName(session)} (${escapeText(format.name)}), held ${placeWords(session)}.`,
    'What is shared in it stays in it. To take part, please read and confirm the confidentiality agreement before the session starts.',
  ];
  return {
    text: `You're invited to ${escapeBounded(session.title.trim(), 200) || 'an intervision session'}`,
    blocks: [
      ...lines.map((line, i) => section(line, `invite-${i + 1}`)),
      actions('invite-actions', [button('Read and join', ACTIONS.join, value, { style: 'primary' })]) as Block,
      context(['Nobody joins once the session has started. If you would rather not take part, you need not do anything.']),
    ],
  };
}

/** Someone is no longer part of the session: taken off at the start (not agreed), or by the facilitator before it. */
export function takenOffDm(session: Session, roles: Roles = rolesOf(session)): MessagePayload {
  const why =
    session.status === 'open'
      ? `${escapeText(capitalized(roles.facilitator.definite))} (${mention(session.facilitator)}) changed who takes part in ${sessionName(session)}, and you are no longer on it.`
      : `${sessionName(session)} has started without you, because you had not confirmed the confidentiality agreement. Nobody joins once a session has started.`;
  return { text: 'You are no longer part of an intervision session', blocks: [section(why, 'taken-off'), context(['Nothing of the session was shared with you.'])] };
}

/** The facilitator's confirmation before people who have not agreed are taken off. */
export function takeOffModal(reason: string, privateMetadata: string, starting: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.takeOff,
    private_metadata: privateMetadata,
    title: plain(starting ? 'Start without them?' : 'Go on without them?', LIMITS.modalTitle),
    submit: plain(starting ? 'Start without them' : 'Go on without them', LIMITS.modalButton),
    close: plain('Wait for them', LIMITS.modalButton),
    blocks: [
      section(reason, 'take-off'),
      context(['They get a short direct message without any content of the session.']),
    ],
  };
}

/** A modal that only says why something could not be done (for a modal with no field to show an error on). */
export function notDoneView(reason: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.takeOff,
    title: plain('Not done', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalButton),
    blocks: [section(reason, 'not-done')],
  };
}

/** Where the members modal keeps its one field. */
export const PEOPLE_FIELD = { block: 'people', action: 'people' } as const;

/** Before the start, the facilitator sets who the members are. */
export function peopleModal(session: Session, ref: ActionRef, roles: Roles = rolesOf(session)): ModalView {
  const { presenter, facilitator, member } = roles;
  const members = session.members.filter((m) => m !== session.facilitator && m !== session.presenter);
  return {
    type: 'modal',
    callback_id: CALLBACKS.people,
    private_metadata: encodeAction(ref),
    title: plain('People', LIMITS.modalTitle),
    submit: plain('Save', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      section(
        `*${escapeText(capitalized(facilitator.singular))}:* ${mention(session.facilitator)}   *${escapeText(capitalized(presenter.singular))}:* ${mention(presenterOf(session))}`,
        'people-roles',
      ),
      input(PEOPLE_FIELD.block, capitalized(member.plural), {
        type: 'multi_users_select',
        action_id: PEOPLE_FIELD.action,
        placeholder: plain('Who gives inputs?', LIMITS.placeholder),
        ...(members.length > 0 ? { initial_users: members } : {}),
      }, { optional: true, hint: 'New people get a direct message to confirm the agreement; people you take out get a short note.' }),
    ],
  };
}

/** Shown in place of the agreement modal once someone has confirmed it. */
export function joinedView(session: Session): ModalView {
  const where = session.room
    ? 'You are being added to the private channel of the session; it appears in your sidebar.'
    : `The session happens in the thread of its card in ${channelLink(session.channel)}.`;
  return {
    type: 'modal',
    callback_id: CALLBACKS.join,
    title: plain("You're in", LIMITS.modalTitle),
    close: plain('Done', LIMITS.modalButton),
    blocks: [section(`✓ You confirmed the confidentiality agreement for ${sessionName(session)}. ${where}`, 'joined')],
  };
}

/** The content-free pointer in the channel where a private room's session was created. */
export function renderPointer(session: Session, format: Format): MessagePayload {
  const lines = [`🔒 ${sessionName(session)} (${escapeText(format.name)}): held in a private channel just for its participants, facilitated by ${mention(session.facilitator)}.`];
  const blocks: Block[] = [];
  if (session.status === 'open') {
    lines.push('Everyone who joins confirms the confidentiality agreement first, and is then added to the private channel.');
    blocks.push(section(lines.join('\n'), 'pointer'));
    blocks.push(actions('pointer-actions', [button('Join', ACTIONS.join, encodeAction({ sessionId: session.id, seq: session.seq }), { style: 'primary' })]) as Block);
  } else {
    lines.push('It has started: nobody new can join.');
    blocks.push(section(lines.join('\n'), 'pointer'));
  }
  return { text: `${escapeBounded(session.title.trim(), 200) || 'An intervision session'}: held in a private channel`, blocks };
}
