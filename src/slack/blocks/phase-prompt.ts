import type { Format, Phase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { escapeText, mentions } from '../escape';
import { turnLine } from './turns';
import { type Block, type MessagePayload, context, header, section } from './kit';
import { phaseActions } from './phase-actions';
import { currentContent, doneContent } from './phase-content';
import { deadlineText, pausedLine, waitingLine } from './waiting';
import { isActionable, openRound, pendingInRound, phaseById, phasePosition, phaseState, turnHolder } from './view-model';
import { trOf, type Translator } from './words';

/**
 * One prompt message per phase in the session's thread, updated in place: the
 * phase's title and instruction, whose turn it is or who is awaited, the
 * time, and the actions that fit. Once the phase is over it shrinks to its
 * outcome, with no buttons.
 */

/** Renders the prompt of one phase as it stands now. */
export function renderPhasePrompt(session: Session, format: Format, phaseId: string, now: number): MessagePayload {
  const tr = trOf(session);
  const phase = phaseById(format, phaseId);
  if (!phase) return { text: tr('step:gone'), blocks: [section(tr('step:gone'))] };
  const position = phasePosition(format, phaseId);
  const text = tr('step:text', { title: phase.title, position, total: format.phases.length });
  const state = phaseState(session, format, phaseId);
  const title = header(phase.title, 'phase-title');
  if (state === 'done') return { text, blocks: [title, ...doneContent(session, format, phase)] };
  const instruction = section(escapeText(phase.instruction), 'instruction');
  if (state === 'future') return { text, blocks: [title, instruction, context([tr('step:later')], 'timing')] };

  const blocks: Block[] = [title, instruction, ...currentContent(session, format, phase)];
  blocks.push(context([timing(tr, session, format, phase, now)], 'timing'));
  const status = statusLine(tr, session, format, phase, now);
  if (status) blocks.push(section(status, 'status'));
  if (isActionable(session, format, phaseId)) blocks.push(...phaseActions(session, format, phase));
  return { text, blocks };
}

/** "Phase 3 of 7 · round 2 · timebox ends 14:05". */
function timing(tr: Translator, session: Session, format: Format, phase: Phase, now: number): string {
  const parts = [tr('step:timing.phase', { position: phasePosition(format, phase.id), total: format.phases.length })];
  const round = openRound(session, phase.id);
  if (round) parts.push(tr('step:timing.round', { round: round.number }));
  const live = session.settings.mode === 'live';
  const deadline = session.current?.id === phase.id ? session.current.deadline : undefined;
  if (live && deadline !== undefined) {
    parts.push(tr(deadline <= now ? 'step:timing.overSince' : 'step:timing.ends', { when: deadlineText(session, deadline) }));
  } else if (!live && round?.deadline !== undefined) {
    parts.push(tr('step:timing.roundCloses', { when: deadlineText(session, round.deadline) }));
  } else if (!live && deadline !== undefined) {
    parts.push(tr('step:timing.due', { when: deadlineText(session, deadline) }));
  }
  return parts.join(' · ');
}

/** Whose turn it is, or who is awaited; null when the content already says it. */
function statusLine(tr: Translator, session: Session, format: Format, phase: Phase, now: number): string | null {
  if (session.status === 'closing') return tr('card:status.closing');
  if (session.status === 'paused') return pausedLine(session, format);
  if (phase.kind === 'end') return null;
  const round = phase.kind === 'rounds' ? openRound(session, phase.id) : undefined;
  if (round && phase.kind === 'rounds' && session.settings.mode === 'live') {
    const holder = turnHolder(session);
    if (!holder) return tr('step:everyoneHadTurn');
    const after = round.order.slice(round.turn + 1).filter((u) => round.marks[u] === undefined);
    const turn = turnLine(session, format, phase, holder);
    return after.length > 0 ? tr('step:turnThen', { turn, then: mentions(after, tr('common:nobody')) }) : turn;
  }
  if (round) {
    const pending = pendingInRound(session, round);
    if (pending.length === 0) return tr('step:allGiven', { round: round.number });
    const waiting = { people: mentions(pending, tr('common:nobody')), pending: pending.length, total: round.order.length };
    if (round.deadline === undefined) return tr('step:waitingFor', waiting);
    return tr('step:waitingForCloses', { ...waiting, round: round.number, when: deadlineText(session, round.deadline) });
  }
  return waitingLine(session, format, phase.id, now, false);
}
