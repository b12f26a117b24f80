import type { Format } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { LIMITS, escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type MessagePayload, button, capBlocks, section } from './kit';
import { isOnCall } from '../../engine/queries';
import { count, progressLine } from './view-model';
import { WORDS } from './words';

/** `/intervision list`: the sessions of a channel, each with a button that brings its card up. */

/** One session in a list: its session and format. */
export interface SessionEntry {
  session: Session;
  format: Format;
}

function statusWords(session: Session, format: Format): string {
  switch (session.status) {
    case 'open':
      return 'open for joining';
    case 'selecting':
      return 'choosing whose case to take';
    case 'running': {
      const phaseId = session.current?.id ?? format.phases[session.phaseIndex]?.id;
      return phaseId ? progressLine(session, format, phaseId) : 'running';
    }
    case 'paused':
      return `paused by ${format.roles.facilitator.definite}`;
    case 'ended':
      return `ended, waiting for ${format.roles.facilitator.definite} to close it`;
    case 'closing':
      return 'closing';
  }
}

/** How a session meets, in a list's words. */
const MEETING_WORDS = { live: 'live', call: 'live on a call', async: 'asynchronous' } as const;

function meetingOf(session: Session): keyof typeof MEETING_WORDS {
  if (session.settings.mode === 'async') return 'async';
  return isOnCall(session) ? 'call' : 'live';
}

/** A session's line in a list (also on the App Home): title, format, mode, where it stands, facilitator. */
export function entryLine({ session, format }: SessionEntry): string {
  const title = escapeBounded(session.title.trim() || 'Intervision session', 100);
  return `*${title}* · ${escapeText(format.name)} · ${MEETING_WORDS[meetingOf(session)]}\n${statusWords(session, format)} · ${escapeText(format.roles.facilitator.singular)} ${mention(session.facilitator)}`;
}

/** The sessions of a channel, each with a button that brings its card up. */
export function listMessage(sessions: readonly SessionEntry[], command = '/intervision'): MessagePayload {
  if (sessions.length === 0) {
    return {
      text: 'No intervision sessions here',
      blocks: [section(`No intervision sessions in this channel right now. Start one with \`${escapeText(command)}\`.`, 'none')],
    };
  }
  const blocks: Block[] = [section(`*Intervision sessions in this channel* (${sessions.length})`, 'list-title')];
  sessions.forEach((entry, i) => {
    const open = button('Show', ACTIONS.listOpen, encodeAction({ sessionId: entry.session.id, seq: entry.session.seq }));
    blocks.push(section(entryLine(entry), `session-${i + 1}`, open));
  });
  return {
    text: `${count(sessions.length, WORDS.session)} in this channel`,
    blocks: capBlocks(blocks, LIMITS.blocksPerMessage, `…and ${sessions.length - (LIMITS.blocksPerMessage - 2)} more.`),
  };
}
