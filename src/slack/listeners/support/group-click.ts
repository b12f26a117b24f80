import type { GroupCommandBody } from '../../../engine/groups/group';
import type { GroupView } from '../../../service/groups/group-service';
import type { GroupService } from '../../../service/groups/group-service';
import { type GroupRef, parseGroupRef } from '../../group-ids';
import type { ListenerDeps } from './deps';
import type { ClickTools } from './guard';
import type { Click } from './payloads';

/**
 * What the group's buttons share: the group reference in the clicked value,
 * the group service, and one command per click. A group's buttons carry no
 * version, so a click's command id is made unique by its trigger (joining
 * again after leaving is a new command, not a repeat).
 */

export interface GroupClick {
  ref: GroupRef;
  groups: GroupService;
}

/** The clicked group; undefined (and the person told) when the value is not one of ours. */
export async function clickedGroup(deps: ListenerDeps, click: Click, tools: Pick<ClickTools, 'say'>): Promise<GroupClick | undefined> {
  const ref = parseGroupRef(click.value);
  if (!ref || !deps.groups) {
    await tools.say('replies:notOurs');
    return undefined;
  }
  return { ref, groups: deps.groups };
}

/** The command id of a group click. */
export function groupCommandId(click: Click): string {
  return `${click.commandId}:${click.triggerId ?? ''}`;
}

/** The group as the clicker may see it; undefined (and told) when it is gone. */
export async function viewFor(found: GroupClick, click: Click, tools: Pick<ClickTools, 'reply'>): Promise<GroupView | undefined> {
  const view = await found.groups.view(found.ref.groupId, click.user);
  if (!view) await tools.reply('This group no longer exists.');
  return view ?? undefined;
}

/** A click that is one group command: done, or the engine's reason why not, said to the clicker alone. */
export function groupCommand(deps: ListenerDeps, body: GroupCommandBody, done: (name: string) => string) {
  return async (click: Click, tools: ClickTools): Promise<void> => {
    const found = await clickedGroup(deps, click, tools);
    if (!found) return;
    const result = await found.groups.dispatch(found.ref.groupId, click.user, groupCommandId(click), body);
    await tools.reply(result.ok ? done(result.group.name) : result.reason);
  };
}
