import type { Group } from '../../engine/groups/group';
import { upcomingRota } from '../../engine/groups/queries';
import { escapeBounded, escapeText, mention, mentions } from '../escape';
import { ACTIONS } from '../ids';
import { encodeGroupRef } from '../group-ids';
import { cadenceWords, MEETING_WORDS, when } from './group-words';
import { type Block, type MessagePayload, actions, button, context, header, section } from './kit';

/**
 * A group's card in its channel: what the group is, when it meets next and
 * who facilitates, who is in it, and Join / Leave / More. Nothing about the
 * cases proposed: those are private until the meeting.
 */

/** The line naming how the group meets: its cadence, format and way of meeting. */
export function meetsLine(group: Group, formatName: string): string {
  return `Meets ${escapeText(cadenceWords(group.cadence))} · ${escapeText(formatName)}, ${MEETING_WORDS[group.settings.meeting]}`;
}

/** "Tue 5 Mar 2024, 18:00 · facilitated by <@U1>", or that none is planned. */
export function nextLine(group: Group, now: number): string {
  const [next] = upcomingRota(group, now, 1);
  if (!next) return 'No meeting planned.';
  const moved = next.occurrence.moved ? ' (postponed)' : '';
  const by = next.facilitator ? ` · facilitated by ${mention(next.facilitator)}` : '';
  return `${when(next.occurrence.at, group.cadence.zone)}${moved}${by}`;
}

/** Who is in the group, and the rotation in its order. */
export function membersLines(group: Group): string {
  return [`*Members:* ${mentions(group.members, 'nobody yet')}`, `*Facilitate in turn:* ${group.rotation.map(mention).join(' → ')}`].join('\n');
}

export function renderGroupCard(group: Group, formatName: string, now: number): MessagePayload {
  const ref = encodeGroupRef({ groupId: group.id });
  const blocks: Block[] = [
    header(group.name, 'group-title'),
    section(`Peer group · ${meetsLine(group, formatName)}`, 'group-meets'),
    section(`*Next meeting:* ${nextLine(group, now)}`, 'group-next'),
    section(membersLines(group), 'group-members'),
    context(['Before each meeting, members are asked in private whether they bring a case; only its facilitator sees the titles before it starts. `/intervision group` shows the group and what it keeps.'], 'group-note'),
  ];
  const buttons = actions('group-actions', [button('Join', ACTIONS.groupJoin, ref, { style: 'primary' }), button('Leave', ACTIONS.groupLeave, ref), button('More', ACTIONS.groupMore, ref)]);
  if (buttons) blocks.push(buttons);
  return { text: `Peer group: ${escapeBounded(group.name, 200)}`, blocks };
}
