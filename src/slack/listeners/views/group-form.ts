import { randomBytes } from 'node:crypto';
import type { CadenceRule } from '../../../engine/groups/cadence';
import type { Meeting } from '../../../engine/groups/group';
import type { NewGroup, NewGroupField } from '../../../engine/groups/new-group';
import type { Weekday } from '../../../engine/groups/zoned-time';
import type { UserId } from '../../../engine/session';
import { CHECKED, GROUP_FIELDS, type GroupFormDefaults } from '../../blocks/group-modal';
import type { ViewValues } from '../support/payloads';

/** The group form read: what a person chose, as the engine's NewGroup (checked by checkNewGroup). */

const F = GROUP_FIELDS;

/** The form's block for each of the engine's fields. */
export const GROUP_BLOCK_OF: Record<NewGroupField, string> = {
  name: F.name.block,
  members: F.members.block,
  facilitators: F.facilitators.block,
  cadence: F.repeats.block,
  format: F.format.block,
  ask: F.ask.block,
  remind: F.remind.block,
};

function meetingOf(value: string | undefined): Meeting {
  return value === 'call' || value === 'async' ? value : 'live';
}

/** The cadence rule from "Repeats", the weekday, the time and the first date. */
function ruleOf(values: ViewValues): CadenceRule {
  const [kind = 'weekly', n = '1'] = (values.option(F.repeats.block, F.repeats.action) ?? 'weekly-1').split('-');
  const weekday = Number(values.option(F.weekday.block, F.weekday.action) ?? '1') as Weekday;
  const time = values.option(F.time.block, F.time.action) ?? '';
  if (kind === 'monthly') return { kind: 'monthly', nth: Number(n), weekday, time };
  return { kind: 'weekly', every: Number(n), weekday, time, start: values.date(F.start.block, F.start.action) ?? '' };
}

/** The new group the form describes, in `channel`, created by `user`. */
export function readGroupForm(values: ViewValues, channel: string, user: UserId): NewGroup {
  const members = [...new Set(values.users(F.members.block, F.members.action))];
  const chosen = [...new Set(values.users(F.facilitators.block, F.facilitators.action))];
  return {
    id: randomBytes(8).toString('base64url'),
    channel,
    name: (values.text(F.name.block, F.name.action) ?? '').trim(),
    createdBy: user,
    members,
    // Left empty, every member takes a turn, the creator first.
    facilitators: chosen.length > 0 ? chosen : [...new Set([user, ...members])],
    zone: (values.text(F.zone.block, F.zone.action) ?? '').trim(),
    rule: ruleOf(values),
    settings: {
      formatId: values.option(F.format.block, F.format.action) ?? '',
      meeting: meetingOf(values.option(F.meeting.block, F.meeting.action)),
      facilitatorIsMember: values.options(F.facilitatorIsMember.block, F.facilitatorIsMember.action).includes(CHECKED),
      askDays: Number(values.option(F.ask.block, F.ask.action) ?? '3'),
      remindMinutes: Number(values.option(F.remind.block, F.remind.action) ?? '30'),
    },
  };
}

/** The form as it was sent, to draw it again with the problems found after the answer. */
export function groupFormAgain(params: NewGroup, values: ViewValues, today: string, problems: Record<string, string>): GroupFormDefaults {
  const rule = params.rule;
  return {
    channel: params.channel,
    creator: params.createdBy,
    zone: params.zone,
    today,
    name: params.name,
    members: params.members,
    facilitators: values.users(F.facilitators.block, F.facilitators.action),
    formatId: params.settings.formatId,
    meeting: params.settings.meeting,
    repeats: rule.kind === 'weekly' ? `weekly-${rule.every}` : `monthly-${rule.nth}`,
    weekday: rule.weekday,
    time: rule.time,
    ...(rule.kind === 'weekly' && rule.start !== '' ? { start: rule.start } : {}),
    askDays: params.settings.askDays,
    remindMinutes: params.settings.remindMinutes,
    facilitatorIsMember: params.settings.facilitatorIsMember,
    problems,
  };
}
