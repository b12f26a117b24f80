import { GROUP_FORM_FIELDS } from '../../blocks/group-forms';
import { parseGroupRef } from '../../group-ids';
import type { ListenerDeps } from '../support/deps';
import type { SubmitHandler } from '../support/guard';

/** A member brings a case to the group's next meeting, with its optional title: taken, or the reason on the title. */
export function groupProposeSubmitted(deps: ListenerDeps): SubmitHandler {
  return async (submission) => {
    const F = GROUP_FORM_FIELDS.title;
    const ref = parseGroupRef(submission.privateMetadata);
    if (!ref || !deps.groups) return { [F.block]: 'This form is out of date. Please close it and try again.' };
    const title = submission.values.text(F.block, F.action) ?? '';
    const result = await deps.groups.dispatch(ref.groupId, submission.user, submission.commandId, { kind: 'propose', ...(title.trim() !== '' ? { title } : {}) });
    return result.ok ? undefined : { [F.block]: result.reason };
  };
}
