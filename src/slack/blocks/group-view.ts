import type { Group } from '../../engine/groups/group';
import type { ProposalsView } from '../../engine/groups/queries';
import { upcomingRota } from '../../engine/groups/queries';
import type { UserId } from '../../engine/session';
import { escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS } from '../ids';
import { type GroupOp, encodeGroupRef } from '../group-ids';
import { meetsLine, membersLines } from './group-card';
import { KEPT_TEXT, MEETING_WORDS, when } from './group-words';
import { type ActionElement, type Block, type MessagePayload, actions, button, context, header, option, section } from './kit';

/**
 * `/intervision group` (and the card's More): the group as one person may see
 * it, only to them. The cases' titles only for the next meeting's
 * facilitator (the service decides what the view holds); a member sees their
 * own case and how many there are. What the group keeps, in plain words.
 */

export interface GroupViewModel {
  group: Group;
  proposals: ProposalsView;
  now: number;
  viewer: UserId;
  formatName: string;
  formatNames: (formatId: string) => string;
}

/** The next meetings with their facilitators. */
function upcomingLines(group: Group, now: number): string {
  const next = upcomingRota(group, now, 3);
  if (next.length === 0) return '*Next meetings:* none planned.';
  const lines = next.map(({ occurrence, facilitator }) => `• ${when(occurrence.at, group.cadence.zone)}${occurrence.moved ? ' (postponed)' : ''}${facilitator ? ` · ${mention(facilitator)} facilitates` : ''}`);
  const skipped = group.cadence.skips.length > 0 ? [`_Skipped:_ ${group.cadence.skips.join(', ')}`] : [];
  return ['*Next meetings:*', ...lines, ...skipped].join('\n');
}

/** The cases for the next meeting, as far as the viewer may read them. */
function casesLines(view: ProposalsView): string | undefined {
  if (view.can === 'none') return undefined;
  if (view.can === 'all') {
    if (view.proposals.length === 0) return '*Cases for the next meeting* (you facilitate it, so you see them): none proposed yet.';
    const lines = view.proposals.map((p) => `• ${mention(p.author)}: ${p.title !== undefined ? `“${escapeBounded(p.title, 100)}”` : '_no title_'}${p.carried ? ' _(carried over)_' : ''}`);
    return ['*Cases for the next meeting* (only you, its facilitator, see them before it starts):', ...lines].join('\n');
  }
  const others = `${view.count} ${view.count === 1 ? 'case' : 'cases'} proposed so far; only the facilitator sees them before the meeting.`;
  if (!view.own) return `*Cases for the next meeting:* ${others}`;
  const title = view.own.title !== undefined ? `“${escapeBounded(view.own.title, 100)}”` : 'without a title';
  return `*Your case for the next meeting:* ${title}. ${others}`;
}

/** The last few meetings: date, format, how many took part. */
function pastLines(model: GroupViewModel): string | undefined {
  const past = model.group.meetings.slice(-3);
  if (past.length === 0) return undefined;
  const lines = past.map((m) => `• ${when(m.at, model.group.cadence.zone)} · ${escapeText(model.formatNames(m.formatId))}, ${MEETING_WORDS[m.meeting]} · ${m.people !== undefined ? `${m.people} took part` : 'open now'}`);
  return ['*Past meetings:*', ...lines].join('\n');
}

/** A member's choices for one meeting, in one overflow beside a line that names them. */
function menu(group: Group, viewer: UserId): Block {
  const ref = (op: GroupOp) => encodeGroupRef({ groupId: group.id, op });
  const facilitates = group.rotation.includes(viewer);
  return section('*Your choices:* away for a meeting, skip one, postpone the next, hand over your facilitation.', 'group-view-choices', {
    type: 'overflow',
    action_id: ACTIONS.groupMenu,
    options: [
      option('I’m away for a meeting…', ref('away')),
      option('Skip a meeting…', ref('skip')),
      option('Postpone the next meeting…', ref('postpone')),
      option('Hand over my facilitation…', ref('swap')),
      facilitates ? option('Stop facilitating in turn', ref('rest')) : option('Facilitate in turn', ref('facilitate')),
    ],
  });
}

function buttons(model: GroupViewModel): Block[] {
  const { group, viewer, proposals } = model;
  const ref = encodeGroupRef({ groupId: group.id });
  if (!group.members.includes(viewer)) return [actions('group-view-actions', [button('Join the group', ACTIONS.groupJoin, ref, { style: 'primary' })])].filter((b): b is Block => b !== null);
  const own = proposals.can === 'own' && proposals.own !== undefined;
  const elements: ActionElement[] = [button(own ? 'Change my case’s title' : 'I bring a case', ACTIONS.groupPropose, ref, { style: 'primary' })];
  if (own) elements.push(button('Withdraw my case', ACTIONS.groupWithdraw, ref));
  elements.push(button('Leave the group', ACTIONS.groupLeave, ref));
  if (group.owner === viewer) {
    elements.push(
      button('Delete the group', ACTIONS.groupDelete, ref, {
        style: 'danger',
        confirm: { title: 'Delete the group?', text: 'This deletes the group, its card and everything it keeps. Meetings that are closed stay deleted.', confirm: 'Delete', deny: 'Keep it', danger: true },
      }),
    );
  }
  const row = actions('group-view-actions', elements);
  return [menu(group, viewer), ...(row ? [row] : [])];
}

export function groupViewMessage(model: GroupViewModel): MessagePayload {
  const { group, now } = model;
  const blocks: Block[] = [header(group.name, 'group-view-title'), section(meetsLine(group, model.formatName), 'group-view-meets'), section(upcomingLines(group, now), 'group-view-next'), section(membersLines(group), 'group-view-members')];
  const cases = casesLines(model.proposals);
  if (cases) blocks.push(section(cases, 'group-view-cases'));
  const past = pastLines(model);
  if (past) blocks.push(section(past, 'group-view-past'));
  blocks.push(context([KEPT_TEXT], 'group-view-kept'));
  blocks.push(...buttons(model));
  return { text: `Peer group: ${escapeBounded(group.name, 200)}`, blocks };
}
