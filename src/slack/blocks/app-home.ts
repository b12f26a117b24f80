import type { Format } from '../../engine/formats/schema';
import { BASE_LANGUAGE, type UserId } from '../../engine/session';
import { translator, type Lang, type Translator } from '../../i18n';
import { localFormat } from '../../i18n/formats';
import { LIMITS, escapeText } from '../escape';
import { ACTIONS } from '../ids';
import { type Block, type HomeView, actions, button, capBlocks, context, divider, header, section } from './kit';
import { type HomeSession, homeSessionLine } from './home-session';

export type { HomeSession } from './home-session';

/**
 * The App Home, in its viewer's language: the person's sessions, a button
 * that starts one, and a short guide to the formats and to what the bot keeps
 * and deletes. It shows nothing of what anyone wrote in a session: its title
 * (non-confidential by the form's rule), format, the person's role, the
 * phase, whose turn it is or their next deadline, and a link to its thread.
 */

/** The most sessions listed; past that a line says how many more there are. */
export const HOME_SESSIONS_SHOWN = 30;

/** What the App Home shows for one person. */
export interface HomeContent {
  /** Whose home it is. */
  viewer: UserId;
  /** The viewer's language (their Slack locale's). */
  lang: Lang;
  /** Their sessions, in the order to list them. */
  sessions: readonly HomeSession[];
  /** Sessions of theirs not in `sessions` (not read), counted in the "more" line. */
  unread?: number;
  /** The formats a session can be run in, for the guide. */
  formats: readonly Format[];
  now: number;
  command?: string;
}

/** The viewer's sessions, at most HOME_SESSIONS_SHOWN, and a line for the rest. */
function sessionBlocks(tr: Translator, content: HomeContent): Block[] {
  const { sessions, viewer, now } = content;
  const blocks: Block[] = [section(sessions.length === 0 ? `${tr('home:yours')}\n${tr('home:none')}` : tr('home:yours'), 'yours')];
  sessions.slice(0, HOME_SESSIONS_SHOWN).forEach((entry, i) => {
    blocks.push(section(homeSessionLine(tr, entry, viewer, now), `home-session-${i + 1}`));
  });
  const more = Math.max(0, sessions.length - HOME_SESSIONS_SHOWN) + (content.unread ?? 0);
  if (more > 0) blocks.push(context([tr('home:sessionsMore', { count: more })], 'home-more'));
  return blocks;
}

/** The formats, one line each with its summary, in the viewer's language. */
function formatsBlock(tr: Translator, formats: readonly Format[]): Block {
  const lines = formats.map((f) => {
    const local = localFormat(f, tr.lang);
    return tr('home:formatLine', { name: escapeText(local.name), summary: escapeText(local.summary) });
  });
  return section([tr('home:formats'), ...lines].join('\n'), 'formats');
}

/** The App Home for one person (an empty one when nothing is known of them yet). */
export function homeView(content: Partial<HomeContent> = {}): HomeView {
  const full: HomeContent = { viewer: '', lang: BASE_LANGUAGE, sessions: [], formats: [], now: 0, ...content };
  const tr = translator(full.lang);
  const start = actions('home-start', [button(tr('home:start'), ACTIONS.homeStart, 'start', { style: 'primary' })]);
  const blocks: Block[] = [
    header(tr('home:title'), 'home-title'),
    section(tr('home:what'), 'what'),
    ...(start ? [start] : []),
    divider(),
    ...sessionBlocks(tr, full),
    divider(),
    section(tr('home:how', { command: escapeText(full.command ?? '/intervision') }), 'how'),
    ...(full.formats.length > 0 ? [formatsBlock(tr, full.formats)] : []),
    section(tr('home:keeps'), 'keeps'),
    section(tr('home:circle'), 'circle'),
    context([tr('home:promise')]),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView, tr('home:tooMany')) };
}
