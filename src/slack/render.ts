import type { Format } from '../engine/formats/schema';
import { isParticipant, pendingInRound, phaseById } from '../engine/queries';
import type { Effect, Session } from '../engine/session';
import type { MessageRef, PurgeRecord } from '../store/session-store';
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
} from './blocks';

export type { MessagePayload } from './blocks';

type DmEffect = Extract<Effect, { type: 'dm' }>;
type NoticeEffect = Extract<Effect, { type: 'notice' }>;

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

  notice: (session: Session, format: Format, effect: NoticeEffect, now: number): MessagePayload =>
    notice(effect.notice, {
      session,
      format,
      now,
      ...(effect.phaseId !== undefined ? { phaseId: effect.phaseId } : {}),
      ...(effect.user !== undefined ? { user: effect.user } : {}),
    }),

  /** A direct message, or undefined when it no longer applies. `link` finds the thread's permalink. */
  dm: async (
    session: Session,
    format: Format,
    effect: DmEffect,
    now: number,
    link: (ref: MessageRef) => Promise<string | undefined>,
    card?: MessageRef,
  ): Promise<MessagePayload | undefined> => {
    const phase = phaseById(format, effect.phaseId);
    const permalink = card ? await link(card) : undefined;
    switch (effect.message) {
      case 'round-reminder': {
        const round = session.current?.round;
        if (phase?.kind !== 'rounds' || !round || round.number !== effect.round || round.deadline === undefined) return undefined;
        // Sent late (a replay after a crash): whoever has answered since needs no nudge.
        if (!pendingInRound(session, round).includes(effect.user)) return undefined;
        return reminderDm(session, format, phase, round.number, round.deadline, permalink);
      }
      case 'your-turn': {
        if (phase?.kind !== 'rounds' || effect.round === undefined) return undefined;
        return yourTurnDm(session, format, phase, effect.round, permalink);
      }
      case 'presenter-reminder': {
        // The nudge comes when the step's time is up: an "until" in the past would only scold, so it is left out then.
        const deadline = session.current?.deadline;
        return phase ? presenterReminderDm(session, format, phase, deadline !== undefined && deadline > now ? deadline : undefined, permalink) : undefined;
      }
      case 'invitation':
        // Once they agreed, left, or the session started, the invitation no longer applies.
        if (session.status !== 'open' || session.agreed.includes(effect.user) || !isParticipant(session, effect.user)) return undefined;
        return invitationDm(session, format);
      case 'taken-off':
        // Added back before the start: nothing to tell.
        return isParticipant(session, effect.user) ? undefined : takenOffDm(session);
      case 'idle-closed':
        return idleClosedDm({
          formatName: format.name,
          channel: session.channel,
          reason: session.closing?.reason ?? 'idle',
          title: session.title,
        });
    }
  },

  presenterCopy: (session: Session, format: Format): MessagePayload[] => presenterCopy(session, format),

  /** A record with no people counted (its session could not be read) gives the note without details. */
  closeNote: (record: PurgeRecord, format: Format | undefined): MessagePayload =>
    record.people > 0
      ? closeNote({ formatName: format?.name ?? 'intervision', people: record.people, date: record.createdAt })
      : closeNote({ date: record.createdAt }),
};
