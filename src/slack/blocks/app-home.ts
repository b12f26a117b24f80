import type { Format } from '../../engine/formats/schema';
import type { UserId } from '../../engine/session';
import { LIMITS, escapeText } from '../escape';
import { ACTIONS } from '../ids';
import { type Block, type HomeView, actions, button, capBlocks, context, divider, header, section } from './kit';
import { type HomeSession, homeSessionLine } from './home-session';

export type { HomeSession } from './home-session';

/**
 * The App Home: the person's sessions, a button that starts one, and a short
 * guide to the formats and to what the bot keeps and deletes. It shows
 * nothing of what anyone wrote in a session: its title (non-confidential by
 * the form's rule), format, the person's role, the phase, whose turn it is or
 * their next deadline, and a link to its thread.
 */

/** What the bot does, in a few sentences, at the top of the App Home. */
const WHAT_IT_DOES =
  'Intervision is structured peer consultation: one person brings a case, the others help with questions, ' +
  'appreciation, tips or observations, one at a time and in rounds ("I pass" is always fine). A facilitator guides the steps. ' +
  'When the session closes, the bot deletes everything posted in it.';

/** The home's words, in one place. */
export const HOME_WORDS = {
  title: 'Intervision',
  start: 'Start a session',
  yours: '*Your sessions*',
  none: 'You are not in any session right now.',
  more: (n: number) => `…and ${n} more ${n === 1 ? 'session' : 'sessions'} not shown here.`,
  howToStart: (command: string) =>
    `*How to start*\n1. Invite the bot to a channel your group shares.\n2. Type \`${escapeText(command)}\` there and choose a format, how you meet (live in writing, live on a call, or asynchronously), the roles, and who can read the session. Or click *Start a session* above, or use the shortcut *Start an intervision* (from the shortcuts menu of the message box), and pick the channel in the form.\n3. Everyone confirms the confidentiality agreement (Join, or the invitation I send); the facilitator starts.`,
  formats: '*The formats*',
  keeps:
    '*What I keep, and what I delete*\nWhile a session runs I keep what it needs: its roles, its phases and what people write in its forms (encrypted, where the workspace set that up), and for each person the list of sessions they are in (ids only), for this page. When the session closes, I delete every message I posted for it and everything I stored about it; sessions that go quiet are closed on their own.',
  circle:
    "*The circle*\nOnly people who confirmed the agreement can act, and nobody joins once a session has started: whoever has not agreed by then is taken off. A session can have a private channel just for its participants; I add each person once they agree, and archive it at close. I cannot stop screenshots, and Slack may keep deleted messages under your workspace's retention settings.",
  promise: 'Confidentiality is the promise: inputs are written in forms, posted by the bot, and deleted at close.',
  tooMany: 'More is not shown.',
} as const;

/** The most sessions listed; past that a line says how many more there are. */
export const HOME_SESSIONS_SHOWN = 30;

/** What the App Home shows for one person. */
export interface HomeContent {
  /** Whose home it is. */
  viewer: UserId;
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
function sessionBlocks(content: HomeContent): Block[] {
  const { sessions, viewer, now } = content;
  const blocks: Block[] = [section(`${HOME_WORDS.yours}${sessions.length === 0 ? `\n${HOME_WORDS.none}` : ''}`, 'yours')];
  sessions.slice(0, HOME_SESSIONS_SHOWN).forEach((entry, i) => {
    blocks.push(section(homeSessionLine(entry, viewer, now), `home-session-${i + 1}`));
  });
  const more = Math.max(0, sessions.length - HOME_SESSIONS_SHOWN) + (content.unread ?? 0);
  if (more > 0) blocks.push(context([HOME_WORDS.more(more)], 'home-more'));
  return blocks;
}

/** The formats, one line each with its summary. */
function formatsBlock(formats: readonly Format[]): Block {
  const lines = formats.map((f) => `• *${escapeText(f.name)}*: ${escapeText(f.summary)}`);
  return section([HOME_WORDS.formats, ...lines].join('\n'), 'formats');
}

/** The App Home for one person (an empty one when nothing is known of them yet). */
export function homeView(content: Partial<HomeContent> = {}): HomeView {
  const full: HomeContent = { viewer: '', sessions: [], formats: [], now: 0, ...content };
  const start = actions('home-start', [button(HOME_WORDS.start, ACTIONS.homeStart, 'start', { style: 'primary' })]);
  const blocks: Block[] = [
    header(HOME_WORDS.title, 'home-title'),
    section(WHAT_IT_DOES, 'what'),
    ...(start ? [start] : []),
    divider(),
    ...sessionBlocks(full),
    divider(),
    section(HOME_WORDS.howToStart(full.command ?? '/intervision'), 'how'),
    ...(full.formats.length > 0 ? [formatsBlock(full.formats)] : []),
    section(HOME_WORDS.keeps, 'keeps'),
    section(HOME_WORDS.circle, 'circle'),
    context([HOME_WORDS.promise]),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView, HOME_WORDS.tooMany) };
}
