import type { GroupView } from '../../../service/groups/group-service';
import { groupViewMessage } from '../../blocks/group-view';
import type { MessagePayload } from '../../blocks/kit';
import type { ListenerDeps } from './deps';

/** The group view message for `viewer`, with the formats' names. */
export function groupViewOf(deps: ListenerDeps, view: GroupView, viewer: string): MessagePayload {
  const name = (formatId: string) => deps.formats.get(formatId)?.name ?? formatId;
  return groupViewMessage({ ...view, viewer, formatName: name(view.group.settings.formatId), formatNames: name });
}
