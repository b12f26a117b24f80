import type { types } from '@slack/bolt';
import type { Format } from '../../engine/formats/schema';
import type { Meeting } from '../../engine/groups/group';
import { GROUP_NAME_MAX } from '../../engine/groups/new-group';
import type { UserId } from '../../engine/session';
import { LIMITS, escapeText } from '../escape';
import { CALLBACKS, encodeNewSessionMeta } from '../ids';
import { CHECKED, checkbox, input } from './form-kit';
import { WEEKDAY_NAMES } from './group-words';
import { type Block, type ModalView, type Option, context, option, plain, section } from './kit';

/**
 * The form that creates a group: its name, members and who facilitates, the
 * format and how it meets, the cadence (one menu for "every N weeks" and "the
 * Nth weekday of the month", the weekday, the time, the first date, the time
 * zone), when members are asked for cases and when the group is reminded.
 */

export const GROUP_FIELDS = {
  name: { block: 'group-name', action: 'group-name' },
  members: { block: 'group-members', action: 'group-members' },
  facilitators: { block: 'group-facilitators', action: 'group-facilitators' },
  format: { block: 'group-format', action: 'group-format' },
  meeting: { block: 'group-meeting', action: 'group-meeting' },
  repeats: { block: 'group-repeats', action: 'group-repeats' },
  weekday: { block: 'group-weekday', action: 'group-weekday' },
  time: { block: 'group-time', action: 'group-time' },
  start: { block: 'group-start', action: 'group-start' },
  zone: { block: 'group-zone', action: 'group-zone' },
  ask: { block: 'group-ask', action: 'group-ask' },
  remind: { block: 'group-remind', action: 'group-remind' },
  facilitatorIsMember: { block: 'group-facilitator-member', action: 'group-facilitator-member' },
} as const;

/** The "Repeats" menu's values: weekly-<weeks> or monthly-<nth>. */
export const REPEATS: ReadonlyArray<{ value: string; text: string }> = [
  { value: 'weekly-1', text: 'Every week' },
  { value: 'weekly-2', text: 'Every 2 weeks' },
  { value: 'weekly-3', text: 'Every 3 weeks' },
  { value: 'weekly-4', text: 'Every 4 weeks' },
  { value: 'monthly-1', text: 'The first weekday of the month' },
  { value: 'monthly-2', text: 'The second weekday of the month' },
  { value: 'monthly-3', text: 'The third weekday of the month' },
  { value: 'monthly-4', text: 'The fourth weekday of the month' },
  { value: 'monthly-5', text: 'The fifth weekday, in months that have one' },
];

export const ASK_DAYS = [0, 1, 2, 3, 4, 5, 7] as const;
export const REMIND_MINUTES = [0, 15, 30, 60, 120, 1440] as const;

/** Times of day in quarter hours: 96 options, within a menu's 100. */
export const TIMES: string[] = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

/** What the form starts with (the person's own time zone and today's date in it), and problems found after it was sent. */
export interface GroupFormDefaults {
  channel: string;
  creator: UserId;
  zone: string;
  today: string;
  name?: string;
  members?: UserId[];
  facilitators?: UserId[];
  formatId?: string;
  meeting?: Meeting;
  repeats?: string;
  weekday?: number;
  time?: string;
  start?: string;
  askDays?: number;
  remindMinutes?: number;
  facilitatorIsMember?: boolean;
  problems?: Record<string, string>;
}

function select(action: string, options: Option[], initial: string | undefined): types.StaticSelect {
  const chosen = options.find((o) => o.value === initial) ?? options[0];
  return { type: 'static_select', action_id: action, options, ...(chosen ? { initial_option: chosen } : {}) };
}

function askWords(days: number): string {
  return days === 0 ? 'Don’t ask' : days === 1 ? 'A day before' : `${days} days before`;
}

function remindWords(minutes: number): string {
  if (minutes === 0) return 'No reminder';
  if (minutes === 1440) return 'A day before';
  return minutes >= 60 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'} before` : `${minutes} minutes before`;
}

function whoFields(d: GroupFormDefaults): Block[] {
  const F = GROUP_FIELDS;
  return [
    input(F.name.block, 'Name', { type: 'plain_text_input', action_id: F.name.action, max_length: GROUP_NAME_MAX, ...(d.name ? { initial_value: d.name } : {}), placeholder: plain('e.g. Team leads’ peer group', LIMITS.placeholder) }, { hint: 'Shown in the channel: no case details.' }),
    input(F.members.block, 'Members', { type: 'multi_users_select', action_id: F.members.action, ...(d.members?.length ? { initial_users: d.members } : {}) }, { hint: 'You are a member too.' }),
    input(F.facilitators.block, 'Who facilitates, in turn', { type: 'multi_users_select', action_id: F.facilitators.action, ...(d.facilitators?.length ? { initial_users: d.facilitators } : {}) }, { optional: true, hint: 'In this order. Left empty, every member takes a turn.' }),
  ];
}

function howFields(formats: readonly Format[], d: GroupFormDefaults): Block[] {
  const F = GROUP_FIELDS;
  const meetings: Option[] = [option('Live, in writing', 'live'), option('Live, on a call', 'call'), option('Asynchronously, over days', 'async')];
  return [
    input(F.format.block, 'Format', select(F.format.action, formats.map((f) => option(f.name, f.id)), d.formatId)),
    input(F.meeting.block, 'How you meet', { type: 'radio_buttons', action_id: F.meeting.action, options: meetings, initial_option: meetings.find((o) => o.value === (d.meeting ?? 'live')) ?? meetings[0] }),
    input(F.facilitatorIsMember.block, 'Facilitator', checkbox(F.facilitatorIsMember.action, 'The facilitator also gives inputs as a member', d.facilitatorIsMember ?? true), { optional: true }),
  ];
}

function whenFields(d: GroupFormDefaults): Block[] {
  const F = GROUP_FIELDS;
  return [
    input(F.repeats.block, 'Repeats', select(F.repeats.action, REPEATS.map((r) => option(r.text, r.value)), d.repeats ?? 'weekly-2')),
    input(F.weekday.block, 'Weekday', select(F.weekday.action, WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1))), String(d.weekday ?? 2))),
    input(F.time.block, 'Time', select(F.time.action, TIMES.map((t) => option(t, t)), d.time ?? '18:00')),
    input(F.start.block, 'Starting', { type: 'datepicker', action_id: F.start.action, initial_date: d.start ?? d.today }, { hint: 'Every N weeks: the first meeting is on the first such weekday on or after this date.' }),
    input(F.zone.block, 'Time zone', { type: 'plain_text_input', action_id: F.zone.action, max_length: 60, initial_value: d.zone }, { hint: 'The group meets at this time in this zone, summer and winter (e.g. Europe/Berlin, America/New_York).' }),
    input(F.ask.block, 'Ask members for cases', select(F.ask.action, ASK_DAYS.map((n) => option(askWords(n), String(n))), String(d.askDays ?? 3))),
    input(F.remind.block, 'Remind the group', select(F.remind.action, REMIND_MINUTES.map((n) => option(remindWords(n), String(n))), String(d.remindMinutes ?? 30))),
  ];
}

/** The form; problems found after it was sent are shown at its top. */
export function groupModal(formats: readonly Format[], d: GroupFormDefaults): ModalView {
  const problems = Object.values(d.problems ?? {});
  const intro: Block[] = problems.length > 0 ? [section(`⚠️ ${escapeText(problems.join(' '))}`, 'group-problems')] : [];
  return {
    type: 'modal',
    callback_id: CALLBACKS.group,
    private_metadata: encodeNewSessionMeta(d.channel),
    title: plain('New intervision group', LIMITS.modalTitle),
    submit: plain('Create', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: [
      ...intro,
      context(['A peer group that meets on a cadence in this channel, with a facilitator in turn. Before each meeting members are asked in private whether they bring a case, and each meeting starts by choosing one.']),
      ...whoFields(d),
      ...howFields(formats, d),
      ...whenFields(d),
    ],
  };
}

export { CHECKED };
