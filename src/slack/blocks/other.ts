import type { Format } from '../../engine/formats/schema';
import type { CloseReason, NoticeKind, Session, UserId } from '../../engine/session';
import { LIMITS, channelLink, escapeBounded, escapeText, mention, slackDate } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type HomeView, type MessagePayload, button, capBlocks, context, divider, header, section } from './kit';
import { deadlineText } from './waiting';
import { count, phaseById, progressLine } from './view-model';

/**
 * The remaining messages: help, the channel's session list, the
 * content-free note left after close, thread notices, the idle-close DM and
 * the App Home. The presenter's copy and the reminder DMs live in their own
 * modules and are re-exported here.
 */

export { presenterCopy } from './presenter-copy';
export { presenterReminderDm, reminderDm, yourTurnDm } from './dms';

const WHAT_IT_DOES =
  'Intervision is structured peer consultation: one person brings a case, the others help with questions, ' +
  'appreciation, tips or observations, one at a time and in rounds ("I pass" is always fine). A facilitator guides the steps. ' +
  'When the session closes, the bot deletes everything posted in it.';

/** How to use the bot, for the slash command's help. */
export function helpMessage(command = '/intervision'): MessagePayload {
  const c = escapeText(command);
  return {
    text: 'How intervision sessions work',
    blocks: [
      section(`*Intervision sessions in Slack*\n${WHAT_IT_DOES}`, 'what'),
      section(
        [
          `• \`${c}\` starts a new session in this channel (invite the bot to the channel first).`,
          `• \`${c} list\` shows the sessions running here.`,
          `• \`${c} help\` shows this message.`,
        ].join('\n'),
        'how',
      ),
      context([
        'Everything confidential is written in forms, so the bot can delete all of it when the session closes. Please keep case details out of the title and out of ordinary messages.',
      ]),
    ],
  };
}

/** One session in a list: its session and format. */
export interface SessionEntry {
  session: Session;
  format: Format;
}

function statusWords(session: Session, format: Format): string {
  switch (session.status) {
    case 'open':
      return 'open for joining';
    case 'running': {
      const phaseId = session.current?.id ?? format.phases[session.phaseIndex]?.id;
      return phaseId ? progressLine(session, format, phaseId) : 'running';
    }
    case 'paused':
      return 'paused by the facilitator';
    case 'ended':
      return 'ended, waiting for the facilitator to close it';
    case 'closing':
      return 'closing';
  }
}

function entryLine({ session, format }: SessionEntry): string {
  const title = escapeBounded(session.title.trim() || 'Intervision session', 100);
  return `*${title}* · ${escapeText(format.name)} · ${session.settings.mode === 'live' ? 'live' : 'asynchronous'}\n${statusWords(session, format)} · facilitator ${mention(session.facilitator)}`;
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
    text: `${count(sessions.length, 'intervision session')} in this channel`,
    blocks: capBlocks(blocks, LIMITS.blocksPerMessage, `…and ${sessions.length - (LIMITS.blocksPerMessage - 2)} more.`),
  };
}

/**
 * What is left in the channel after close: that a session took place, never
 * its content. Format and people are left out when they are not known (a
 * session whose stored content could no longer be read).
 */
export function closeNote(info: { formatName?: string; people?: number; date: number }): MessagePayload {
  const details =
    info.formatName !== undefined && info.people !== undefined
      ? ` (${escapeText(info.formatName)}, ${info.people === 1 ? '1 person' : `${info.people} people`})`
      : '';
  const line =
    `An intervision session${details} took place here on ` +
    `${slackDate(info.date, '{date_long}', new Date(info.date).toISOString().slice(0, 10))}; its content was deleted when it closed.`;
  return { text: 'An intervision session took place here; its content was deleted when it closed.', blocks: [context([line], 'close-note')] };
}

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
  const phase = phaseById(format, phaseId);
  const title = phase ? `*${escapeText(phase.title)}*` : 'this phase';
  const who = user ? mention(user) : 'Someone';
  const deadline = session.current?.deadline;
  switch (kind) {
    case 'timebox-ending':
      return {
        plain: 'Time is nearly up for this phase',
        md: `:hourglass_flowing_sand: Time is nearly up for ${title}${deadline ? `: the timebox ends ${deadlineText(session, deadline)}` : ''}. Please finish your thought.`,
      };
    case 'timebox-ended':
      return {
        plain: 'The timebox is over',
        md: `:hourglass: The timebox for ${title} is over. The facilitator moves on when the group is ready, or adds a little time.`,
      };
    case 'paused':
      // A pause that names someone is the system's: the presenter's account was deactivated.
      return user
        ? {
            plain: 'The session is paused',
            md: `:double_vertical_bar: The session is paused: ${who}, the presenter, can no longer take part (their Slack account was deactivated). The facilitator can close it.`,
          }
        : { plain: 'The session is paused', md: ':double_vertical_bar: The facilitator paused the session. Nothing moves on or closes until it resumes.' };
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

/** Tells the facilitator (or presenter) that an inactive session was closed and deleted. */
export function idleClosedDm(info: { formatName: string; channel: string; reason: CloseReason; title?: string }): MessagePayload {
  const name = info.title?.trim() ? `“${escapeBounded(info.title.trim(), 100)}”` : `An intervision session (${escapeText(info.formatName)})`;
  const why = info.reason === 'max-age' ? 'it reached the longest time a session may stay open' : 'nothing happened in it for a while';
  return {
    text: 'An intervision session was closed',
    blocks: [
      section(`${name} in ${channelLink(info.channel)} was closed because ${why}. Everything posted in it has been deleted, as promised.`, 'closed'),
      context(['You can start a new session at any time.']),
    ],
  };
}

/** The App Home: what the bot does, how to start, and the viewer's sessions. */
export function homeView(sessions: readonly SessionEntry[] = [], command = '/intervision'): HomeView {
  const blocks: Block[] = [
    header('Intervision', 'home-title'),
    section(WHAT_IT_DOES, 'what'),
    section(
      `*How to start*\n1. Invite the bot to a channel your group shares.\n2. Type \`${escapeText(command)}\` there and choose a format, live or asynchronous, the roles, and who can read the session.\n3. Everyone confirms the confidentiality agreement (Join, or the invitation I send); the facilitator starts.`,
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
