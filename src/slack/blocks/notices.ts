import type { Format } from '../../engine/formats/schema';
import type { NoticeKind, Session, UserId } from '../../engine/session';
import { escapeText, mention } from '../escape';
import { escapedNoun, trOf } from './words';
import { type MessagePayload, context } from './kit';
import { phaseById } from './view-model';
import { deadlineText } from './waiting';

/** What a thread notice needs besides its kind. */
export interface NoticeContext {
  session: Session;
  format: Format;
  phaseId?: string;
  user?: UserId;
  now: number;
}

/** A short notice in the session thread (time nearly up, paused, someone joined ...). */
export function notice(kind: NoticeKind, ctx: NoticeContext): MessagePayload {
  const line = noticeLine(kind, ctx);
  return { text: line.plain, blocks: [context([line.md], `notice-${kind}`)] };
}

function noticeLine(kind: NoticeKind, { session, format, phaseId, user }: NoticeContext): { plain: string; md: string } {
  const tr = trOf(session);
  const phase = phaseId ? phaseById(format, phaseId) : undefined;
  const title = phase ? `*${escapeText(phase.title)}*` : tr('notices:thisPhase');
  const who = user ? mention(user) : tr('notices:someone');
  const deadline = session.current?.deadline;
  const presenter = escapedNoun(format.roles.presenter);
  const facilitator = escapedNoun(format.roles.facilitator);
  switch (kind) {
    case 'timebox-ending':
      return {
        plain: tr('notices:ending.plain'),
        md: deadline ? tr('notices:ending.until', { title, when: deadlineText(session, deadline) }) : tr('notices:ending.md', { title }),
      };
    case 'timebox-ended':
      return { plain: tr('notices:ended.plain'), md: tr('notices:ended.md', { title, facilitator }) };
    case 'paused':
      // A pause that names someone is the system's: the presenter's account was deactivated.
      return { plain: tr('notices:paused.plain'), md: user ? tr('notices:paused.deactivated', { who, presenter, facilitator }) : tr('notices:paused.md', { facilitator }) };
    case 'resumed':
      return { plain: tr('notices:resumed.plain'), md: tr('notices:resumed.md') };
    case 'member-removed':
      return { plain: tr('notices:removed.plain'), md: tr('notices:removed.md', { who }) };
    case 'member-left':
      return { plain: tr('notices:left.plain'), md: tr('notices:left.md', { who }) };
    case 'member-joined':
      return { plain: tr('notices:joined.plain'), md: tr(session.status === 'running' ? 'notices:joined.running' : 'notices:joined.md', { who }) };
  }
}
