import { registryOf } from '../../engine/formats';
import type { Format } from '../../engine/formats/schema';
import { rolesOf, whoIsWaitedFor } from '../../engine/queries';
import type { Session, UserId } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, link } from '../escape';
import { meetingOf, statusWords } from './session-list';
import { waitingLine } from './waiting';
import type { Translator } from './words';
import { localFormat } from '../../i18n/formats';

/** One of a person's sessions on their App Home. */
export interface HomeSession {
  session: Session;
  format: Format;
  /** A link to the session's thread (its card's permalink), when Slack gave one. */
  link?: string;
}

/** The viewer's roles in the session, in the format's words ("facilitator and member"). */
function rolesText(tr: Translator, session: Session, format: Format, viewer: UserId): string {
  const roles = rolesOf(session, viewer);
  const names = [
    ...(roles.presenter ? [format.roles.presenter.singular] : []),
    ...(roles.facilitator ? [format.roles.facilitator.singular] : []),
    ...(roles.member && !roles.presenter ? [format.roles.member.singular] : []),
  ].map(escapeText);
  const [first = '', second] = names;
  const listed = second === undefined ? first : tr('common:listTwo', { first, second });
  return tr(session.agreed.includes(viewer) ? 'home:session.you' : 'home:session.youInvited', { roles: listed });
}

/** What the session waits for now, from the viewer's side: their turn first. */
function waitingText(tr: Translator, entry: HomeSession, format: Format, viewer: UserId, now: number): string | undefined {
  const { session } = entry;
  const facilitator = format.roles.facilitator;
  if (session.status === 'open') return session.agreed.includes(viewer) ? tr('home:session.open', { facilitator }) : tr('home:session.invitedOpen');
  if (session.status === 'ended') return tr('home:session.ended', { facilitator });
  const phaseId = session.current?.id;
  if (!phaseId) return undefined;
  const line = waitingLine(session, format, phaseId, now, true, tr);
  return waitsFor(entry, viewer) ? tr('home:session.yourTurn', { line }) : line;
}

/**
 * A session's line on its person's App Home, in their language: title, format and how it meets;
 * their role and where it stands; whose turn it is or until when; a link to
 * its thread. Mrkdwn; nothing anyone wrote in the session.
 */
export function homeSessionLine(tr: Translator, entry: HomeSession, viewer: UserId, now: number): string {
  const { session } = entry;
  const format = localFormat(entry.format, tr.lang);
  const title = escapeBounded(session.title.trim() || tr('card:untitled'), 100);
  const where = entry.link ? link(entry.link, tr('home:session.thread')) : tr('home:session.where', { channel: channelLink(session.channel) });
  const waiting = waitingText(tr, entry, format, viewer, now);
  const line = tr('home:session.line', {
    title,
    format: escapeText(format.name),
    meeting: tr(`home:list.meeting.${meetingOf(session)}`),
    roles: rolesText(tr, session, format, viewer),
    status: statusWords(tr, session, format),
  });
  return [line, ...(waiting ? [waiting] : []), where].join('\n');
}

/** Whether the session waits for the viewer now (their sessions list those first). */
export function waitsFor(entry: HomeSession, viewer: UserId): boolean {
  return entry.session.status === 'running' && whoIsWaitedFor(entry.session, registryOf([entry.format])).includes(viewer);
}
