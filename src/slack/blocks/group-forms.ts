import type { Group } from '../../engine/groups/group';
import { PROPOSAL_TITLE_MAX } from '../../engine/groups/proposals';
import { upcomingRota } from '../../engine/groups/queries';
import type { UserId } from '../../engine/session';
import { LIMITS, escapeBounded, escapeText } from '../escape';
import { type GroupOp, encodeGroupRef } from '../group-ids';
import { CALLBACKS, encodeAction } from '../ids';
import { input } from './form-kit';
import { TIMES } from './group-modal';
import { when } from './group-words';
import { type Block, type ModalView, type Option, context, option, plain, section } from './kit';

/**
 * The group's small forms: a case's optional title (before the meeting, and
 * in it), and a member's choices for one meeting (away, skip, postpone, hand
 * over). Each carries a reference only; the service re-checks it.
 */

export const GROUP_FORM_FIELDS = {
  title: { block: 'case-title', action: 'case-title' },
  meeting: { block: 'meeting', action: 'meeting' },
  date: { block: 'date', action: 'date' },
  time: { block: 'time', action: 'time' },
  to: { block: 'to', action: 'to' },
} as const;

const TITLE_HINT = 'Optional and not confidential: a few words that name the case, nothing of it. Before the meeting only its facilitator sees it; at the meeting, the group.';

function form(callbackId: string, title: string, submit: string, metadata: string, blocks: Block[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(title, LIMITS.modalTitle),
    submit: plain(submit, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks,
  };
}

function titleField(initial: string | undefined): Block {
  const F = GROUP_FORM_FIELDS.title;
  return input(F.block, 'Title (optional)', { type: 'plain_text_input', action_id: F.action, max_length: PROPOSAL_TITLE_MAX, ...(initial ? { initial_value: initial } : {}) }, { optional: true, hint: TITLE_HINT });
}

/** A member brings a case to the group's next meeting (or changes its title). */
export function proposeModal(group: Group, at: number | undefined, current: string | undefined): ModalView {
  const meets = at !== undefined ? ` on ${when(at, group.cadence.zone)}` : '';
  return form(CALLBACKS.groupPropose, 'Bring a case', 'Propose', encodeGroupRef({ groupId: group.id }), [
    section(`Bring a case to *${escapeBounded(group.name, 200)}*${escapeText(meets)}.`, 'propose-intro'),
    titleField(current),
  ]);
}

/** A member brings a case in the meeting itself. */
export function caseProposeModal(sessionId: string, current: string | undefined): ModalView {
  return form(CALLBACKS.casePropose, 'Bring a case', 'Propose', encodeAction({ sessionId, seq: 0 }), [section('Bring a case to this meeting: the group chooses whose case to take.', 'propose-intro'), titleField(current)]);
}

function meetingSelect(options: Option[]): Block {
  const F = GROUP_FORM_FIELDS.meeting;
  return input(F.block, 'Meeting', { type: 'static_select', action_id: F.action, options: options.slice(0, 100), ...(options[0] ? { initial_option: options[0] } : {}) });
}

/** Which meeting a member will miss (or will come to after all). */
function awayBlocks(group: Group, now: number, viewer: UserId): Block[] {
  const options = upcomingRota(group, now).map(({ occurrence }) => {
    const away = group.away[viewer]?.includes(occurrence.slot) ?? false;
    return option(`${when(occurrence.at, group.cadence.zone)}${away ? ' – you said you’re away: come after all' : ''}`, occurrence.slot);
  });
  return [context(['Whoever is away does not facilitate that meeting, and is not invited to it.']), meetingSelect(options)];
}

/** Which meeting to skip (or, one skipped, to bring back). */
function skipBlocks(group: Group, now: number): Block[] {
  const next = upcomingRota(group, now).map(({ occurrence }) => option(when(occurrence.at, group.cadence.zone), occurrence.slot));
  const skipped = group.cadence.skips.map((slot) => option(`${slot} – skipped: bring it back`, slot));
  return [context(['The group is told on its card. Only this meeting changes; the others stay as they are.']), meetingSelect([...next, ...skipped])];
}

/** When the next meeting takes place instead: a later date and time, before the one after. */
function postponeBlocks(group: Group, now: number): Block[] {
  const [next] = upcomingRota(group, now, 1);
  if (!next) return [section('No meeting is planned.', 'none')];
  const { date, time } = GROUP_FORM_FIELDS;
  const times = TIMES.map((t) => option(t, t));
  return [
    section(`The next meeting is on ${when(next.occurrence.at, group.cadence.zone)} (${escapeText(group.cadence.zone)} time). Postpone it to:`, 'postpone-intro'),
    input(date.block, 'Date', { type: 'datepicker', action_id: date.action, initial_date: next.occurrence.slot }),
    input(time.block, 'Time', { type: 'static_select', action_id: time.action, options: times, ...(times.find((o) => o.value === group.cadence.rule.time) ? { initial_option: times.find((o) => o.value === group.cadence.rule.time) } : {}) }),
  ];
}

/** Which of their meetings a facilitator hands over, and to whom. */
function swapBlocks(group: Group, now: number, viewer: UserId): Block[] {
  const mine = upcomingRota(group, now).filter((entry) => entry.facilitator === viewer);
  if (mine.length === 0) return [section('You don’t facilitate any of the next meetings.', 'none')];
  const { to } = GROUP_FORM_FIELDS;
  return [
    meetingSelect(mine.map(({ occurrence }) => option(when(occurrence.at, group.cadence.zone), occurrence.slot))),
    input(to.block, 'Who facilitates it instead', { type: 'users_select', action_id: to.action }, { hint: 'Someone who facilitates in turn and is there that day. You keep your place: you facilitate the meeting after.' }),
  ];
}

const MANAGE: Partial<Record<GroupOp, { title: string; submit: string }>> = {
  away: { title: 'Away for a meeting', submit: 'Save' },
  skip: { title: 'Skip a meeting', submit: 'Save' },
  postpone: { title: 'Postpone a meeting', submit: 'Postpone' },
  swap: { title: 'Hand over a meeting', submit: 'Hand over' },
};

/** The form of one of a member's choices; undefined for a choice without one. */
export function manageModal(group: Group, op: GroupOp, now: number, viewer: UserId): ModalView | undefined {
  const words = MANAGE[op];
  if (!words) return undefined;
  const blocks = op === 'away' ? awayBlocks(group, now, viewer) : op === 'skip' ? skipBlocks(group, now) : op === 'postpone' ? postponeBlocks(group, now) : swapBlocks(group, now, viewer);
  return form(CALLBACKS.groupManage, words.title, words.submit, encodeGroupRef({ groupId: group.id, op }), blocks);
}

/** What the group form shows while the group is set up, and once it is. */
export function groupProgressView(text: string): ModalView {
  return { type: 'modal', callback_id: CALLBACKS.groupProgress, title: plain('New intervision group', LIMITS.modalTitle), close: plain('Done', LIMITS.modalButton), blocks: [section(text, 'progress')] };
}
