import { formats, minMembersOf, type FormatRegistry } from '../formats';
import { MAX_MEMBERS } from '../membership';
import type { UserId } from '../session';
import { checkCadence, type CadenceRule } from './cadence';
import type { Group, GroupEffect, GroupSettings } from './group';
import { groupTimers } from './queries';

/** What the group form gives to create a group. */
export interface NewGroup {
  id: string;
  channel: string;
  name: string;
  createdBy: UserId;
  /** The members besides the creator, who is always one. */
  members: UserId[];
  /** The members who facilitate, in turn order. */
  facilitators: UserId[];
  zone: string;
  rule: CadenceRule;
  settings: GroupSettings;
}

export type NewGroupField = 'name' | 'members' | 'facilitators' | 'cadence' | 'format' | 'ask' | 'remind';

export interface NewGroupProblem {
  field: NewGroupField;
  reason: string;
}

export const GROUP_NAME_MAX = 80;
export const MAX_ASK_DAYS = 14;
export const MAX_REMIND_MINUTES = 24 * 60;

/** The members in the order given, each once, the creator first. */
function memberList(params: NewGroup): UserId[] {
  return [...new Set([params.createdBy, ...params.members])];
}

/** How many members a group needs to hold a meeting of its format: a facilitator, a presenter and the format's members. */
export function minGroupSize(settings: GroupSettings, registry: FormatRegistry = formats): number {
  const format = registry.get(settings.formatId);
  const min = format ? minMembersOf(format) : 2;
  return min + (settings.facilitatorIsMember ? 1 : 2);
}

function whole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** What is wrong with the form's values (the first problem); undefined when they are fine. */
export function checkNewGroup(params: NewGroup, registry: FormatRegistry = formats): NewGroupProblem | undefined {
  const name = params.name.trim();
  if (name === '') return { field: 'name', reason: 'Please give the group a short name (no case details).' };
  if (name.length > GROUP_NAME_MAX) return { field: 'name', reason: `Please keep the name to ${GROUP_NAME_MAX} characters.` };
  if (!registry.get(params.settings.formatId)) return { field: 'format', reason: 'Please choose a format.' };
  const members = memberList(params);
  const needed = minGroupSize(params.settings, registry);
  if (members.length < needed) return { field: 'members', reason: `A group needs at least ${needed} members, you included, to hold its meetings.` };
  if (members.length > MAX_MEMBERS) return { field: 'members', reason: `A group takes at most ${MAX_MEMBERS} members.` };
  const facilitators = [...new Set(params.facilitators)];
  if (facilitators.length === 0) return { field: 'facilitators', reason: 'Please choose at least one member who facilitates.' };
  if (facilitators.some((user) => !members.includes(user))) return { field: 'facilitators', reason: 'Only members of the group can facilitate: add them as members too.' };
  const cadence = checkCadence(params.zone, params.rule);
  if (cadence) return { field: 'cadence', reason: cadence };
  if (!whole(params.settings.askDays, 0, MAX_ASK_DAYS)) return { field: 'ask', reason: `Ask 0 to ${MAX_ASK_DAYS} days before.` };
  if (!whole(params.settings.remindMinutes, 0, MAX_REMIND_MINUTES)) return { field: 'remind', reason: `Remind 0 to ${MAX_REMIND_MINUTES} minutes before.` };
  return undefined;
}

/** A new group and its first effects: its card, and the timers of its first meeting. Throws when checkNewGroup finds a problem. */
export function newGroup(params: NewGroup, now: number, registry: FormatRegistry = formats): { group: Group; effects: GroupEffect[] } {
  const problem = checkNewGroup(params, registry);
  if (problem) throw new Error(problem.reason);
  const group: Group = {
    v: 1,
    id: params.id,
    seq: 1,
    channel: params.channel,
    name: params.name.trim(),
    createdBy: params.createdBy,
    owner: params.createdBy,
    createdAt: now,
    updatedAt: now,
    cadence: { zone: params.zone, rule: { ...params.rule }, skips: [], moves: {} },
    members: memberList(params),
    rotation: [...new Set(params.facilitators)],
    away: {},
    swaps: {},
    settings: { ...params.settings },
    proposals: [],
    nextProposalNo: 1,
    meetings: [],
    recent: [],
  };
  const effects: GroupEffect[] = [{ type: 'card' }, ...groupTimers(group, now).map((timer) => ({ type: 'schedule' as const, timer }))];
  return { group, effects };
}
