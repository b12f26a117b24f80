import { registryOf } from '../../engine/formats';
import type { Format } from '../../engine/formats/schema';
import { rolesOf, whoIsWaitedFor } from '../../engine/queries';
import type { Session, UserId } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, link } from '../escape';
import { MEETING_WORDS, meetingOf, statusWords } from './session-list';
import { waitingLine } from './waiting';

/** One of a person's sessions on their App Home. */
export interface HomeSession {
  session: Session;
  format: Format;
  /** A link to the session's thread (its card's permalink), when Slack gave one. */
  link?: string;
}

/** The words of a session's line on the App Home. */
export const HOME_SESSION_WORDS = {
  untitled: 'Intervision session',
  you: (roles: string) => `You: ${roles}`,
  and: ' and ',
  invited: ' (invited: confirm the agreement to join)',
  yourTurn: '👉 *Your turn.*',
  open: (facilitator: string) => `Waiting for ${facilitator} to start.`,
  invitedOpen: 'Open the invitation I sent you, or the session card, to read the agreement and join.',
  ended: (facilitator: string) => `Waiting for ${facilitator} to close it.`,
  thread: 'Open the session',
  where: (channel: string) => `In ${channel}`,
} as const;

/** The viewer's roles in the session, in the format's words ("facilitator and member"). */
function rolesText(session: Session, format: Format, viewer: UserId): string {
  const roles = rolesOf(session, viewer);
  const names = [
    ...(roles.presenter ? [format.roles.presenter.singular] : []),
    ...(roles.facilitator ? [format.roles.facilitator.singular] : []),
    ...(roles.member && !roles.presenter ? [format.roles.member.singular] : []),
  ];
  const invited = session.agreed.includes(viewer) ? '' : HOME_SESSION_WORDS.invited;
  return `${HOME_SESSION_WORDS.you(names.map(escapeText).join(HOME_SESSION_WORDS.and))}${invited}`;
}

/** What the session waits for now, from the viewer's side: their turn first. */
function waitingText(entry: HomeSession, viewer: UserId, now: number): string | undefined {
  const { session, format } = entry;
  const facilitator = format.roles.facilitator.definite;
  if (session.status === 'open') return session.agreed.includes(viewer) ? HOME_SESSION_WORDS.open(facilitator) : HOME_SESSION_WORDS.invitedOpen;
  if (session.status === 'ended') return HOME_SESSION_WORDS.ended(facilitator);
  const phaseId = session.current?.id;
  if (!phaseId) return undefined;
  const line = waitingLine(session, format, phaseId, now);
  const mine = session.status === 'running' && whoIsWaitedFor(session, registryOf([format])).includes(viewer);
  return mine ? `${HOME_SESSION_WORDS.yourTurn} ${line}` : line;
}

/**
 * A session's line on its person's App Home: title, format and how it meets;
 * their role and where it stands; whose turn it is or until when; a link to
 * its thread. Mrkdwn; nothing anyone wrote in the session.
 */
export function homeSessionLine(entry: HomeSession, viewer: UserId, now: number): string {
  const { session, format } = entry;
  const title = escapeBounded(session.title.trim() || HOME_SESSION_WORDS.untitled, 100);
  const where = entry.link ? link(entry.link, HOME_SESSION_WORDS.thread) : HOME_SESSION_WORDS.where(channelLink(session.channel));
  const waiting = waitingText(entry, viewer, now);
  return [
    `*${title}* · ${escapeText(format.name)} · ${MEETING_WORDS[meetingOf(session)]}`,
    `${rolesText(session, format, viewer)} · ${statusWords(session, format)}`,
    ...(waiting ? [waiting] : []),
    where,
  ].join('\n');
}

/** Whether the session waits for the viewer now (their sessions list those first). */
export function waitsFor(entry: HomeSession, viewer: UserId): boolean {
  return entry.session.status === 'running' && whoIsWaitedFor(entry.session, registryOf([entry.format])).includes(viewer);
}
