import type { Format } from '../../engine/formats/schema';
import { applicableDm, type DmEffect } from '../../engine/dm-applies';
import { phaseById } from '../../engine/queries';
import { langOf } from '../../i18n';
import type { Effect, Session } from '../../engine/session';
import type { MessageRef, PurgeRecord } from '../../store/session-store';
import {
  closeNote,
  idleClosedDm,
  invitationDm,
  renderPointer,
  takenOffDm,
  notice,
  presenterCopy,
  presenterReminderDm,
  reminderDm,
  renderCard,
  renderPhasePrompt,
  renderRoundBoards,
  yourTurnDm,
  type MessagePayload,
} from '../blocks';
import { blockTextLength, divider } from '../blocks/kit';
import { caseNotChosenDm } from '../blocks/group-messages';
import { renderSelection } from '../blocks/selection';
import { LIMITS } from '../escape';
import { localFormat } from '../../i18n/formats';

export type { MessagePayload } from '../blocks';

type NoticeEffect = Extract<Effect, { type: 'notice' }>;

/** One message of a step, with the key it is recorded under. */
export interface StepMessage {
  key: string;
  payload: MessagePayload;
}

/** The prompt with the board's first page under it, when both fit in one message. */
function joined(prompt: MessagePayload, board: MessagePayload): MessagePayload | undefined {
  const blocks = [...prompt.blocks, divider(), ...board.blocks];
  if (blocks.length > LIMITS.blocksPerMessage || blockTextLength(blocks) > LIMITS.messageBlockText) return undefined;
  return { text: prompt.text, blocks };
}

/**
 * From effects to payloads: the one place that knows which renderer draws
 * which effect. Renderers are pure; this only picks and feeds them.
 */
export const render = {
  card: (session: Session, format: Format, now: number): MessagePayload => renderCard(session, format, now),

  pointer: (session: Session, format: Format): MessagePayload => renderPointer(session, format),

  prompt: (session: Session, format: Format, phaseId: string, now: number): MessagePayload =>
    renderPhasePrompt(session, format, phaseId, now),

  boards: (session: Session, format: Format, phaseId: string, now: number): MessagePayload[] =>
    phaseById(format, phaseId)?.kind === 'rounds' ? renderRoundBoards(session, format, phaseId, now) : [],

  /**
   * A step's messages, by the key each is recorded under: its prompt, and the
   * round board's pages. The first page goes in the prompt's own message
   * while both fit in one (so a turn updates one message, not two); once they
   * no longer fit, or when the step already has a separate first page
   * (`separateBoard`), every page is a message of its own.
   */
  step: (session: Session, format: Format, phaseId: string, now: number, separateBoard: boolean): StepMessage[] => {
    const prompt = renderPhasePrompt(session, format, phaseId, now);
    const boards = render.boards(session, format, phaseId, now);
    const [first, ...rest] = boards;
    const together = first && !separateBoard ? joined(prompt, first) : undefined;
    if (!together) return [{ key: `phase:${phaseId}`, payload: prompt }, ...boards.map((payload, page) => ({ key: `board:${phaseId}:${page}`, payload }))];
    return [{ key: `phase:${phaseId}`, payload: together }, ...rest.map((payload, i) => ({ key: `board:${phaseId}:${i + 1}`, payload }))];
  },

  notice: (session: Session, format: Format, effect: NoticeEffect, now: number): MessagePayload =>
    notice(effect.notice, {
      session,
      format,
      now,
      ...(effect.phaseId !== undefined ? { phaseId: effect.phaseId } : {}),
      ...(effect.user !== undefined ? { user: effect.user } : {}),
    }),

  /** A direct message, or undefined when it no longer applies (the engine's applicableDm). `link` finds the thread's permalink. */
  dm: async (
    session: Session,
    format: Format,
    effect: DmEffect,
    now: number,
    link: (ref: MessageRef) => Promise<string | undefined>,
    card?: MessageRef,
  ): Promise<MessagePayload | undefined> => {
    const dm = applicableDm(session, format, effect, now);
    if (!dm) return undefined;
    const permalink = card ? await link(card) : undefined;
    switch (dm.message) {
      case 'round-reminder':
        return reminderDm(session, format, dm.phase, dm.round, dm.deadline, permalink);
      case 'your-turn':
        return yourTurnDm(session, format, dm.phase, dm.round, permalink);
      case 'presenter-reminder':
        return presenterReminderDm(session, format, dm.phase, dm.deadline, permalink);
      case 'invitation':
        return invitationDm(session, format);
      case 'taken-off':
        return takenOffDm(session);
      case 'idle-closed':
        return idleClosedDm({ lang: langOf(session), formatName: format.name, channel: session.channel, reason: dm.reason, title: session.title });
      case 'case-not-chosen':
        return caseNotChosenDm(session, dm.proposal);
    }
  },

  presenterCopy: (session: Session, format: Format): MessagePayload[] => presenterCopy(session, format),

  selection: (session: Session, format: Format): MessagePayload => renderSelection(session, format),

  /** A record with no people counted (its session could not be read) gives the note without details. */
  closeNote: (record: PurgeRecord, format: Format | undefined): MessagePayload => {
    const lang = record.language ?? 'en';
    return record.people > 0 && format
      ? closeNote({ lang, formatName: localFormat(format, lang).name, people: record.people, date: record.createdAt })
      : closeNote({ lang, date: record.createdAt });
  },
};
