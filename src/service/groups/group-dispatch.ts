import type { Clock } from '../../clock';
import { decideGroup } from '../../engine/groups/decide-group';
import type { Group, GroupCommand, GroupEffect } from '../../engine/groups/group';
import type { GroupRejection } from '../../engine/groups/context';
import type { GroupStore } from '../../store/group-store';
import type { OtherWorkspace } from '../workspace';

export type GroupResult =
  | { ok: true; duplicate: boolean; group: Group; effects: GroupEffect[] }
  | GroupRejection
  | { ok: false; code: 'missing' | 'busy'; reason: string }
  | GroupOtherWorkspace;

/** A group of another workspace: refused with the sentence groups speak (English, as their other refusals). */
export type GroupOtherWorkspace = OtherWorkspace & { reason: string };

const MISSING = 'This group no longer exists.';

/** A group of another workspace (or a request that names none) is refused, whatever id it carries. */
export const otherGroupWorkspace: GroupOtherWorkspace = { ok: false, code: 'other-workspace', reason: "This group belongs to another Slack workspace, so it can't be used from here." };
const ATTEMPTS = 8;

export interface GroupDispatchOptions {
  /** Only a group of this workspace may be reached (undefined: one workspace). */
  team?: string;
  /** Runs before the commit with the decided group and effects (a timer's messages: each sent once, so a retry is safe). */
  before?: (group: Group, effects: readonly GroupEffect[]) => Promise<void>;
}

/**
 * Load, decide, commit: a group's one path for every change, with the
 * optimistic concurrency of sessions (the commit checks the version it
 * loaded; another instance's commit in between means deciding again).
 */
export class GroupDispatcher {
  constructor(
    private readonly store: GroupStore,
    private readonly clock: Clock,
  ) {}

  async dispatch(id: string, command: GroupCommand, options: GroupDispatchOptions = {}): Promise<GroupResult> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const group = await this.store.load(id);
      if (!group) return { ok: false, code: 'missing', reason: MISSING };
      if (options.team !== undefined && group.team !== options.team) return otherGroupWorkspace;
      const outcome = decideGroup(group, command, this.clock.now());
      if (!outcome.ok) return outcome;
      if (outcome.duplicate) return { ok: true, duplicate: true, group, effects: [] };
      await options.before?.(outcome.group, outcome.effects);
      const committed = await this.store.commit(outcome.group, group.seq);
      if (committed === 'committed') return { ok: true, duplicate: false, group: outcome.group, effects: outcome.effects };
      if (committed === 'missing') return { ok: false, code: 'missing', reason: MISSING };
    }
    return { ok: false, code: 'busy', reason: 'Many people acted at once. Please try again.' };
  }
}
