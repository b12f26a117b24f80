import type { Format } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { localFormat } from '../../i18n/formats';
import { translator, type Lang } from '../../i18n';
import { LIMITS, escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type MessagePayload, button, capBlocks, section } from './kit';
import { isOnCall } from '../../engine/queries';
import { progressLine } from './view-model';
import { count, word, type Translator } from './words';

/** `/intervision list`: the sessions of a channel, each with a button that brings its card up, in the reader's language. */

/** One session in a list: its session and format. */
export interface SessionEntry {
  session: Session;
  format: Format;
}

/** Where a session stands, in a list's words ("open for joining", "Phase 3 of 7: Tips · round 2"); `format` in the reader's language. */
export function statusWords(tr: Translator, session: Session, format: Format): string {
  const facilitator = format.roles.facilitator;
  switch (session.status) {
    case 'open':
      return tr('home:list.status.open');
    case 'selecting':
      return tr('home:list.status.selecting');
    case 'running': {
      const phaseId = session.current?.id ?? format.phases[session.phaseIndex]?.id;
      return phaseId ? progressLine(session, format, phaseId, tr) : tr('home:list.status.running');
    }
    case 'paused':
      return tr('home:list.status.paused', { facilitator });
    case 'ended':
      return tr('home:list.status.ended', { facilitator });
    case 'closing':
      return tr('home:list.status.closing');
  }
}

/** How a session meets, in a list's words. */
export function meetingOf(session: Session): 'live' | 'call' | 'async' {
  if (session.settings.mode === 'async') return 'async';
  return isOnCall(session) ? 'call' : 'live';
}

/** A session's line in a list (also on the App Home): title, format, mode, where it stands, facilitator; in the reader's language. */
export function entryLine(tr: Translator, entry: SessionEntry): string {
  const { session } = entry;
  const format = localFormat(entry.format, tr.lang);
  const title = escapeBounded(session.title.trim() || tr('card:untitled'), 100);
  return tr('home:list.entry', {
    title,
    format: escapeText(format.name),
    meeting: tr(`home:list.meeting.${meetingOf(session)}`),
    status: statusWords(tr, session, format),
    role: escapeText(format.roles.facilitator.singular),
    facilitator: mention(session.facilitator),
  });
}

/** The sessions of a channel, each with a button that brings its card up, in `lang`. */
export function listMessage(lang: Lang, sessions: readonly SessionEntry[], command = '/intervision'): MessagePayload {
  const tr = translator(lang);
  if (sessions.length === 0) {
    return { text: tr('home:list.noneText'), blocks: [section(tr('home:list.none', { command: escapeText(command) }), 'none')] };
  }
  const blocks: Block[] = [section(tr('home:list.title', { count: sessions.length }), 'list-title')];
  sessions.forEach((entry, i) => {
    const open = button(tr('home:list.show'), ACTIONS.listOpen, encodeAction({ sessionId: entry.session.id, seq: entry.session.seq }));
    blocks.push(section(entryLine(tr, entry), `session-${i + 1}`, open));
  });
  return {
    text: tr('home:list.text', { sessions: count(tr, sessions.length, word(tr, 'session')) }),
    blocks: capBlocks(blocks, LIMITS.blocksPerMessage, tr('home:list.more', { count: sessions.length - (LIMITS.blocksPerMessage - 2) })),
  };
}
