import type { Format } from '../../engine/formats/schema';
import type { NoticeKind, Session, UserId } from '../../engine/session';
import { escapeText, mention } from '../escape';
import { capitalized } from './words';
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
  const phase = phaseId ? phaseById(format, phaseId) : undefined;
  const title = phase ? `*${escapeText(phase.title)}*` : 'this phase';
  const who = user ? mention(user) : 'Someone';
  const deadline = session.current?.deadline;
  const { presenter, facilitator } = format.roles;
  const guide = escapeText(capitalized(facilitator.definite));
  switch (kind) {
    case 'timebox-ending':
      return {
        plain: 'Time is nearly up for this phase',
        md: `:hourglass_flowing_sand: Time is nearly up for ${title}${deadline ? `: the timebox ends ${deadlineText(session, deadline)}` : ''}. Please finish your thought.`,
      };
    case 'timebox-ended':
      return {
        plain: 'The timebox is over',
        md: `:hourglass: The timebox for ${title} is over. ${guide} moves on when the group is ready, or adds a little time.`,
      };
    case 'paused':
      // A pause that names someone is the system's: the presenter's account was deactivated.
      return user
        ? {
            plain: 'The session is paused',
            md: `:double_vertical_bar: The session is paused: ${who}, ${escapeText(presenter.definite)}, can no longer take part (their Slack account was deactivated). ${guide} can close it.`,
          }
        : { plain: 'The session is paused', md: `:double_vertical_bar: ${guide} paused the session. Nothing moves on or closes until it resumes.` };
    case 'resumed':
      return { plain: 'The session continues', md: ':arrow_forward: The session continues. Thank you for waiting.' };
    case 'member-removed':
      return { plain: 'A member no longer takes part', md: `${who} no longer takes part in this session.` };
    case 'member-left':
      return { plain: 'A member left the session', md: `${who} has left the session. Thank you for taking part.` };
    case 'member-joined': {
      const later = session.status === 'running' ? ' You take part from the next round.' : '';
      return { plain: 'A member joined the session', md: `Welcome, ${who}!${later}` };
    }
  }
}
