import type { Format, Noun } from '../../engine/formats/schema';
import { DEFAULT_ROLES } from '../../engine/formats/words';
import type { Session } from '../../engine/session';
import { participants } from '../../engine/queries';
import { escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type ButtonOptions, type MessagePayload, actions, button, context, header, section } from './kit';
import { phaseOverview } from './phase-overview';
import { waitingLine } from './waiting';
import { modeLabel, progressLine } from './view-model';
import { capitalized, escapedNoun, forRole, trOf, type Translator } from './words';

/**
 * The session card in the channel: what the session is, who is in it, where
 * it stands, and the buttons to join, leave, start and close. The thread under
 * it holds everything else.
 */

/** The Close button's confirm dialog: closing deletes everything, so ask first. */
export function closeConfirm(tr: Translator): NonNullable<ButtonOptions['confirm']> {
  return { title: tr('card:close.title'), text: tr('card:close.text'), confirm: tr('card:close.confirm'), deny: tr('card:close.deny'), danger: true };
}

/** The facilitator's Close button (with its confirm dialog), shared by the card and the end prompt; `role` is what the format calls them. */
export function closeButton(session: Session, role: Noun = DEFAULT_ROLES.facilitator, seq = session.seq): Button {
  const tr = trOf(session);
  return button(forRole(tr, tr('card:close.button'), role), ACTIONS.close, encodeAction({ sessionId: session.id, seq }), {
    style: 'danger',
    confirm: closeConfirm(tr),
  });
}

/** Renders the session card for the channel, in the session's language. */
export function renderCard(session: Session, format: Format, now: number): MessagePayload {
  const tr = trOf(session);
  const title = session.title.trim() || tr('card:untitled');
  const blocks: Block[] = [
    header(title, 'card-title'),
    section(roles(tr, session, format), 'card-roles'),
    ...statusBlocks(tr, session, format, now),
  ];
  const where = placeLine(tr, session);
  if (where) blocks.push(context([where], 'card-place'));
  const buttons = actions('card-actions', cardButtons(tr, session, format));
  if (buttons) blocks.push(buttons);
  return { text: tr('card:text', { title: escapeBounded(title, 200), format: escapeText(format.name) }), blocks };
}

/** A person with their presence: agreed (✓) or still invited. */
function present(tr: Translator, session: Session, user: string): string {
  return session.agreed.includes(user) ? `${mention(user)} ✓` : tr('card:invited', { user: mention(user) });
}

function roles(tr: Translator, session: Session, format: Format): string {
  const { presenter, facilitator, member } = format.roles;
  const members = session.members.filter((m) => m !== session.presenter && m !== session.facilitator);
  const also = session.members.includes(session.facilitator) ? tr('card:alsoMember', { member: escapedNoun(member) }) : '';
  const lines = [
    `*${escapeText(format.name)}* · ${modeLabel(session)}`,
    tr('card:roles', {
      facilitatorRole: escapeText(capitalized(facilitator.singular)),
      facilitator: `${present(tr, session, session.facilitator)}${also}`,
      presenterRole: escapeText(capitalized(presenter.singular)),
      presenter: session.presenter === undefined ? tr('card:presenterChosenAtStart') : present(tr, session, session.presenter),
    }),
    tr('card:members', {
      role: escapeText(capitalized(member.plural)),
      members: members.length > 0 ? members.map((m) => present(tr, session, m)).join(', ') : tr('card:nobodyYet'),
    }),
  ];
  if (session.status === 'open') lines.push(tr('card:legend'));
  return lines.join('\n');
}

/** Who can read where the session is held: a private room, or a thread others can read. */
function placeLine(tr: Translator, session: Session): string | undefined {
  if (session.room) return tr('card:place.room');
  if (session.openChannel) return tr('card:place.thread');
  return undefined;
}

/** How many of the people named have confirmed the agreement: "5 of 6 ready". */
export function readiness(session: Session): { ready: number; total: number } {
  const everyone = participants(session);
  return { ready: everyone.filter((user) => session.agreed.includes(user)).length, total: everyone.length };
}

function statusBlocks(tr: Translator, session: Session, format: Format, now: number): Block[] {
  switch (session.status) {
    case 'open':
      return [section(tr('card:status.open', { facilitator: mention(session.facilitator) }), 'card-waiting')];
    case 'closing':
      return [section(tr('card:status.closing'), 'card-waiting')];
    case 'selecting':
      return [section(tr('card:status.selecting', { facilitator: mention(session.facilitator) }), 'card-waiting')];
    case 'ended':
      return [
        context([escapeText(endedLine(format))], 'card-progress'),
        context([phaseOverview(session, format)], 'card-phases'),
        section(tr('card:status.ended', { facilitator: mention(session.facilitator) }), 'card-waiting'),
      ];
    case 'running':
    case 'paused': {
      const phaseId = session.current?.id ?? format.phases[session.phaseIndex]?.id;
      if (!phaseId) return [];
      // Live, whose turn it is lives in the step's prompt, not here: the card changes with the phase and the round, not with
      // every turn. Asynchronous sessions move over days, and their card says what they wait for and until when.
      const live = session.status === 'running' && session.settings.mode === 'live';
      const where = live ? tr('card:status.followInThread') : waitingLine(session, format, phaseId, now);
      return [context([progressLine(session, format, phaseId)], 'card-progress'), context([phaseOverview(session, format)], 'card-phases'), section(where, 'card-waiting')];
    }
  }
}

/** The format's own line once it has ended. */
function endedLine(format: Format): string {
  const end = format.phases.find((phase) => phase.kind === 'end');
  return end?.kind === 'end' ? end.ended : '';
}

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

function cardButtons(tr: Translator, session: Session, format: Format): Button[] {
  const seq = cardSeq(session);
  const value = encodeAction({ sessionId: session.id, seq });
  const leave = button(tr('card:buttons.leave'), ACTIONS.leave, value);
  const role = format.roles.facilitator;
  const close = closeButton(session, role, seq);
  switch (session.status) {
    case 'open': {
      // Join is there only before the start: once the session runs, its circle is closed.
      const { ready, total } = readiness(session);
      return [
        button(tr('card:buttons.join'), ACTIONS.join, value, { style: 'primary' }),
        leave,
        button(tr('card:buttons.start', { start: forRole(tr, tr('card:buttons.startLabel'), role), ready, total }), ACTIONS.start, value),
        button(forRole(tr, tr('card:buttons.people'), role), ACTIONS.people, value),
        close,
      ];
    }
    case 'selecting':
      return [leave, close];
    case 'running':
      return session.settings.mode === 'async' ? [leave, button(forRole(tr, tr('card:buttons.pause'), role), ACTIONS.pause, value), close] : [leave, close];
    case 'paused':
      return [leave, button(forRole(tr, tr('card:buttons.resume'), role), ACTIONS.resume, value, { style: 'primary' }), close];
    case 'ended':
      return [close];
    case 'closing':
      return [];
  }
}
