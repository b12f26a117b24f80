import type { Format, Noun } from '../../engine/formats/schema';
import { DEFAULT_ROLES } from '../../engine/formats/words';
import type { Session } from '../../engine/session';
import { participants, presenterOf } from '../../engine/queries';
import { escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type MessagePayload, actions, button, context, header, section } from './kit';
import { phaseOverview } from './phase-overview';
import { waitingLine } from './waiting';
import { modeLabel, progressLine } from './view-model';
import { capitalized, forRole } from './words';

/**
 * The session card in the channel: what the session is, who is in it, where
 * it stands, and the buttons to join, leave, start and close. The thread under
 * it holds everything else.
 */

/** The Close button's confirm dialog: closing deletes everything, so ask first. */
export const CLOSE_CONFIRM = {
  title: 'Close the session?',
  text: 'Close and delete this session? Everything posted in this session will be deleted.',
  confirm: 'Close and delete',
  deny: 'Keep it',
  danger: true,
} as const;

/** The facilitator's Close button (with its confirm dialog), shared by the card and the end prompt; `role` is what the format calls them. */
export function closeButton(session: Session, role: Noun = DEFAULT_ROLES.facilitator, seq = session.seq): Button {
  return button(forRole('Close', role), ACTIONS.close, encodeAction({ sessionId: session.id, seq }), {
    style: 'danger',
    confirm: CLOSE_CONFIRM,
  });
}

/** Renders the session card for the channel. */
export function renderCard(session: Session, format: Format, now: number): MessagePayload {
  const title = session.title.trim() || 'Intervision session';
  const blocks: Block[] = [
    header(title, 'card-title'),
    section(roles(session, format), 'card-roles'),
    ...statusBlocks(session, format, now),
  ];
  const where = placeLine(session);
  if (where) blocks.push(context([where], 'card-place'));
  const buttons = actions('card-actions', cardButtons(session, format));
  if (buttons) blocks.push(buttons);
  return { text: `Intervision session: ${escapeBounded(title, 200)} (${escapeText(format.name)})`, blocks };
}

/** A person with their presence: agreed (✓) or still invited. */
function present(session: Session, user: string): string {
  return session.agreed.includes(user) ? `${mention(user)} ✓` : `${mention(user)} _(invited)_`;
}

function roles(session: Session, format: Format): string {
  const { presenter, facilitator, member } = format.roles;
  const members = session.members.filter((m) => m !== session.presenter && m !== session.facilitator);
  const facilitatorGives = session.members.includes(session.facilitator) ? ` (also one of ${escapeText(member.definitePlural)})` : '';
  const lines = [
    `*${escapeText(format.name)}* · ${modeLabel(session)}`,
    `*${escapeText(capitalized(facilitator.singular))}:* ${present(session, session.facilitator)}${facilitatorGives}   *${escapeText(capitalized(presenter.singular))}:* ${presenterOf(session) === '' ? '_chosen at the start, from the cases proposed_' : present(session, presenterOf(session))}`,
    `*${escapeText(capitalized(member.plural))}:* ${members.length > 0 ? members.map((m) => present(session, m)).join(', ') : 'nobody yet'}`,
  ];
  if (session.status === 'open') lines.push('✓ confirmed the confidentiality agreement · _invited_: not yet');
  return lines.join('\n');
}

/** Who can read where the session is held: a private room, or a thread others can read. */
function placeLine(session: Session): string | undefined {
  if (session.room) return '🔒 A private channel just for the participants: people are added once they have confirmed the agreement.';
  if (session.openChannel) return '⚠️ Held in this channel\'s thread: everyone who can read this channel can read the session.';
  return undefined;
}

/** How many of the people named have confirmed the agreement: "5 of 6 ready". */
export function readiness(session: Session): { ready: number; total: number } {
  const everyone = participants(session);
  return { ready: everyone.filter((user) => session.agreed.includes(user)).length, total: everyone.length };
}

function statusBlocks(session: Session, format: Format, now: number): Block[] {
  switch (session.status) {
    case 'open':
      return [
        section(
          `Not started yet. Join to take part; ${mention(session.facilitator)} starts the session when everyone is here.`,
          'card-waiting',
        ),
      ];
    case 'closing':
      return [section("Closing… deleting the session's content.", 'card-waiting')];
    case 'selecting':
      return [section(`The group is choosing whose case to take: the cases proposed are in the thread below. ${mention(session.facilitator)} closes the vote or picks one.`, 'card-waiting')];
    case 'ended':
      return [
        context([escapeText(endedLine(format))], 'card-progress'),
        context([phaseOverview(session, format)], 'card-phases'),
        section(
          `${mention(session.facilitator)} can close the session now. Closing deletes everything posted in it.`,
          'card-waiting',
        ),
      ];
    case 'running':
    case 'paused': {
      const phaseId = session.current?.id ?? format.phases[session.phaseIndex]?.id;
      if (!phaseId) return [];
      // Live, whose turn it is lives in the step's prompt, not here: the card changes with the phase and the round, not with
      // every turn. Asynchronous sessions move over days, and their card says what they wait for and until when.
      const live = session.status === 'running' && session.settings.mode === 'live';
      const where = live ? FOLLOW_IN_THREAD : waitingLine(session, format, phaseId, now);
      return [context([progressLine(session, format, phaseId)], 'card-progress'), context([phaseOverview(session, format)], 'card-phases'), section(where, 'card-waiting')];
    }
  }
}

/** The format's own line once it has ended. */
function endedLine(format: Format): string {
  const end = format.phases.find((phase) => phase.kind === 'end');
  return end?.kind === 'end' ? end.ended : '';
}

/** The card's line while a session runs. */
const FOLLOW_IN_THREAD = 'The session runs in the thread below: its current step says whose turn it is.';

/**
 * The seq the card's buttons carry. Start, Pause and Resume must match the
 * session's seq exactly (engine/gate.ts), so they carry it; while a live
 * session runs and after it ended, only Leave and Close are on the card, and
 * the engine judges both by the session as it is, so they carry none and the
 * card need not be redrawn at every turn.
 */
function cardSeq(session: Session): number {
  const strictButtons = session.status === 'open' || session.status === 'paused' || (session.status === 'running' && session.settings.mode === 'async');
  return strictButtons ? session.seq : 0;
}

function cardButtons(session: Session, format: Format): Button[] {
  const seq = cardSeq(session);
  const value = encodeAction({ sessionId: session.id, seq });
  const leave = button('Leave', ACTIONS.leave, value);
  const role = format.roles.facilitator;
  const close = closeButton(session, role, seq);
  switch (session.status) {
    case 'open': {
      // Join is there only before the start: once the session runs, its circle is closed.
      const { ready, total } = readiness(session);
      return [
        button('Join', ACTIONS.join, value, { style: 'primary' }),
        leave,
        button(`${forRole('Start', role)} · ${ready} of ${total} ready`, ACTIONS.start, value),
        button(forRole('People', role), ACTIONS.people, value),
        close,
      ];
    }
    case 'selecting':
      return [leave, close];
    case 'running':
      return session.settings.mode === 'async' ? [leave, button(forRole('Pause', role), ACTIONS.pause, value), close] : [leave, close];
    case 'paused':
      return [leave, button(forRole('Resume', role), ACTIONS.resume, value, { style: 'primary' }), close];
    case 'ended':
      return [close];
    case 'closing':
      return [];
  }
}
