import type { GroupCommandBody } from '../../../engine/groups/group';
import { nextMeeting } from '../../../engine/groups/queries';
import type { GroupView } from '../../../service/groups/group-service';
import { GROUP_FORM_FIELDS } from '../../blocks/group-forms';
import { type GroupRef, parseGroupRef } from '../../group-ids';
import type { ListenerDeps } from '../support/deps';
import type { SubmitHandler } from '../support/guard';
import type { ViewValues } from '../support/payloads';

/**
 * A member's choice for one meeting, from its form: away (or coming after
 * all), skip (or bring back), postpone, hand over. Whether the choice sets
 * or undoes is read from the group as it is: a meeting already skipped is
 * brought back. A refusal is shown on the form's field.
 */

const F = GROUP_FORM_FIELDS;

/** The command the form asks for, and the field its refusal belongs on. */
function commandOf(ref: GroupRef, values: ViewValues, view: GroupView, user: string): { body: GroupCommandBody; field: string } | undefined {
  const slot = values.option(F.meeting.block, F.meeting.action) ?? '';
  switch (ref.op) {
    case 'away':
      return { body: { kind: 'away', slot, on: !(view.group.away[user]?.includes(slot) ?? false) }, field: F.meeting.block };
    case 'skip':
      return { body: { kind: 'skip', slot, on: !view.group.cadence.skips.includes(slot) }, field: F.meeting.block };
    case 'postpone': {
      const date = values.date(F.date.block, F.date.action) ?? '';
      const time = values.option(F.time.block, F.time.action) ?? '';
      return { body: { kind: 'postpone', slot: nextMeeting(view.group, view.now)?.slot ?? '', date, time }, field: F.date.block };
    }
    case 'swap':
      return { body: { kind: 'swap', slot, to: values.user(F.to.block, F.to.action) ?? '' }, field: F.to.block };
    default:
      return undefined;
  }
}

export function groupManageSubmitted(deps: ListenerDeps): SubmitHandler {
  return async (submission) => {
    const ref = parseGroupRef(submission.privateMetadata);
    const first = submission.inputBlocks[0] ?? F.meeting.block;
    if (!ref || !deps.groups) return { [first]: 'This form is out of date. Please close it and try again.' };
    const view = await deps.groups.view(ref.groupId, submission.user);
    if (!view) return { [first]: 'This group no longer exists.' };
    const asked = commandOf(ref, submission.values, view, submission.user);
    if (!asked) return { [first]: 'This form is out of date. Please close it and try again.' };
    const result = await deps.groups.dispatch(ref.groupId, submission.user, submission.commandId, asked.body);
    return result.ok ? undefined : { [asked.field]: result.reason };
  };
}
