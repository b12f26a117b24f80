import { translator, type Lang } from '../../i18n';
import { LIMITS, channelLink, escapeText } from '../escape';
import { type Block, type HomeView, capBlocks, context, divider, header, section } from './kit';
import { type SessionEntry, entryLine } from './session-list';

/** The App Home in the viewer's language: what the bot does, how to start, and the viewer's sessions. */
export function homeView(lang: Lang, sessions: readonly SessionEntry[] = [], command = '/intervision'): HomeView {
  const tr = translator(lang);
  const blocks: Block[] = [
    header(tr('home:title'), 'home-title'),
    section(tr('home:what'), 'what'),
    section(tr('home:how', { command: escapeText(command) }), 'how'),
    section(tr('home:circle'), 'circle'),
    divider(),
    section(sessions.length === 0 ? tr('home:yoursNone') : tr('home:yours'), 'yours'),
  ];
  sessions.slice(0, 40).forEach((entry, i) => {
    blocks.push(section(`${entryLine(tr, entry)} · ${channelLink(entry.session.channel)}`, `home-session-${i + 1}`));
  });
  blocks.push(context([tr('home:promise')]));
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView, tr('home:more')) };
}
