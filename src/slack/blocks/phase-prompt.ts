import type { Format, Phase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { escapeText, mentions } from '../escape';
import { turnLine } from './turns';
import { type Block, type MessagePayload, context, header, section } from './kit';
import { phaseActions } from './phase-actions';
import { currentContent, doneContent } from './phase-content';
import { deadlineText, pausedLine, waitingLine } from './waiting';
import { isActionable, openRound, pendingInRound, phaseById, phasePosition, phaseState, turnHolder } from './view-model';

/**
 * One prompt message per phase in the session's thread, updated in place: the
 * phase's title and instruction, whose turn it is or who is awaited, the
 * time, and the actions that fit. Once the phase is over it shrinks to its
 * outcome, with no buttons.
 */

/** Renders the prompt of one phase as it stands now. */
export function renderPhasePrompt(session: Session, format: Format, phaseId: string, now: number): MessagePayload {
  const phase = phaseById(format, phaseId);
  if (!phase) {
    return { text: 'This step is no longer part of the format.', blocks: [section('This step is no longer part of the format.')] };
  }
  const position = phasePosition(format, phaseId);
  const text = `${phase.title} (phase ${position} of ${format.phases.length})`;
  const state = phaseState(session, format, phaseId);
  const title = header(phase.title, 'phase-title');
  if (state === 'done') return { text, blocks: [title, ...doneContent(session, format, phase)] };
  const instruction = section(escapeText(phase.instruction), 'instruction');
  if (state === 'future') return { text, blocks: [title, instruction, context(['This phase comes later.'], 'timing')] };

  const blocks: Block[] = [title, instruction, ...currentContent(session, format, phase)];
  blocks.push(context([timing(session, format, phase, now)], 'timing'));
  const status = statusLine(session, format, phase, now);
  if (status) blocks.push(section(status, 'status'));
  if (isActionable(session, format, phaseId)) blocks.push(...phaseActions(session, format, phase));
  return { text, blocks };
}

/** "Phase 3 of 7 · round 2 · timebox ends 14:05". */
function timing(session: Session, format: Format, phase: Phase, now: number): string {
  const parts = [`Phase ${phasePosition(format, phase.id)} of ${format.phases.length}`];
  const round = openRound(session, phase.id);
  if (round) parts.push(`round ${round.number}`);
  const live = session.settings.mode === 'live';
  const deadline = session.current?.id === phase.id ? session.current.deadline : undefined;
  if (live && deadline !== undefined) {
    parts.push(deadline <= now ? `timebox over since ${deadlineText(session, deadline)}` : `timebox ends ${deadlineText(session, deadline)}`);
  } else if (!live && round?.deadline !== undefined) {
    parts.push(`round closes ${deadlineText(session, round.deadline)}`);
  } else if (!live && deadline !== undefined) {
    parts.push(`due ${deadlineText(session, deadline)}`);
  }
  return parts.join(' · ');
}

/** Whose turn it is, or who is awaited; null when the content already says it. */
function statusLine(session: Session, format: Format, phase: Phase, now: number): string | null {
  if (session.status === 'closing') return "Closing… deleting the session's content.";
  if (session.status === 'paused') return pausedLine(format);
  if (phase.kind === 'end') return null;
  const round = phase.kind === 'rounds' ? openRound(session, phase.id) : undefined;
  if (round && phase.kind === 'rounds' && session.settings.mode === 'live') {
    const holder = turnHolder(session);
    if (!holder) return 'Everyone has had their turn in this round.';
    const after = round.order.slice(round.turn + 1).filter((u) => round.marks[u] === undefined);
    const then = after.length > 0 ? ` Then ${mentions(after)}.` : '';
    return `${turnLine(session, format, phase, holder)}${then}`;
  }
  if (round) {
    const pending = pendingInRound(session, round);
    const closes = round.deadline === undefined ? '' : ` Round ${round.number} closes ${deadlineText(session, round.deadline)}.`;
    if (pending.length === 0) return `Everyone has given their turn in round ${round.number}.`;
    return `Waiting for ${mentions(pending)} (${pending.length} of ${round.order.length}).${closes}`;
  }
  return waitingLine(session, format, phase.id, now, false);
}
