import { LIMITS, channelLink, escapeText } from '../escape';
import { type Block, type HomeView, capBlocks, context, divider, header, section } from './kit';
import { type SessionEntry, entryLine } from './session-list';

/** What the bot does, in a few sentences, at the top of the App Home. */
const WHAT_IT_DOES =
  'Intervision is structured peer consultation: one person brings a case, the others help with questions, ' +
  'appreciation, tips or observations, one at a time and in rounds ("I pass" is always fine). A facilitator guides the steps. ' +
  'When the session closes, the bot deletes everything posted in it.';

/** The App Home: what the bot does, how to start, and the viewer's sessions. */
export function homeView(sessions: readonly SessionEntry[] = [], command = '/intervision'): HomeView {
  const blocks: Block[] = [
    header('Intervision', 'home-title'),
    section(WHAT_IT_DOES, 'what'),
    section(
      `*How to start*\n1. Invite the bot to a channel your group shares.\n2. Type \`${escapeText(command)}\` there and choose a format, how you meet (live in writing, live on a call, or asynchronously), the roles, and who can read the session.\n3. Everyone confirms the confidentiality agreement (Join, or the invitation I send); the facilitator starts.`,
      'how',
    ),
    section(
      '*The circle*\nOnly people who confirmed the agreement can act, and nobody joins once a session has started: whoever has not agreed by then is taken off. A session can have a private channel just for its participants; I add each person once they agree, and archive it at close. I delete everything I posted when the session closes. I cannot stop screenshots, and Slack may keep deleted messages under your workspace\'s retention settings.',
      'circle',
    ),
    divider(),
    section(`*Your sessions*${sessions.length === 0 ? '\nYou are not in any session right now.' : ''}`, 'yours'),
  ];
  sessions.slice(0, 40).forEach((entry, i) => {
    blocks.push(section(`${entryLine(entry)} · ${channelLink(entry.session.channel)}`, `home-session-${i + 1}`));
  });
  blocks.push(context(['Confidentiality is the promise: inputs are written in forms, posted by the bot, and deleted at close.']));
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView, 'More sessions are not shown.') };
}
