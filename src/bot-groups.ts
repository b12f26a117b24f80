/**
 * The composition root's part for intervision groups (bot.ts stays the one
 * place that builds everything; this only keeps it within bounds).
 */
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { FormatRegistry } from './engine/formats';
import type { TimerStore } from './scheduler/timer-store';
import type { GroupStore } from './store/group-store';
import { GROUP_TIMERS, GroupService } from './service/groups/group-service';
import type { Eraser } from './service/ports';
import type { SessionService } from './service/session-service';
import type { Workspaces } from './service/workspace';
import type { InFlight } from './shutdown';
import type { WorkspaceAccess } from './slack/install/workspace-access';
import { SlackGroupOutbound } from './slack/outbound/groups';
import { describeError } from './slack/slack-errors';
import { MemoryGroupStore } from './store/memory-groups';

/** The eraser whose purge first records a meeting's close in its group (before the session's data goes). */
export function recordingMeetings(eraser: Eraser, groups: () => GroupService | undefined): Eraser {
  return {
    purge: async (session) => {
      await groups()?.meetingClosed(session);
      await eraser.purge(session);
    },
    purgeUnreadable: (sessionId, reason) => eraser.purgeUnreadable(sessionId, reason),
    finish: (record) => eraser.finish(record),
  };
}

/**
 * The group service beside the session service: its timers are routed to it
 * from the one scheduler, and a meeting's close is recorded in its group
 * before the session's data goes (the eraser's purge, wrapped).
 */
/** What groups take of the session wiring (bot.ts SessionWiring). */
export interface GroupWiring {
  groups?: GroupStore;
  groupRequests?: GroupStore;
  timers: TimerStore;
  registry: FormatRegistry;
  clock: Clock;
  idleDays: number;
  maxDays: number;
  reminderLeadHours: number;
}

export function groupParts(deps: { logger: Logger }, wiring: GroupWiring, access: WorkspaceAccess, service: SessionService, workspaces: Workspaces, inFlight: InFlight): GroupService {
  const store = wiring.groups ?? new MemoryGroupStore();
  const { logger } = deps;
  const groups = new GroupService({
    store,
    ...(wiring.groupRequests ? { requestStore: wiring.groupRequests } : {}),
    sessions: service,
    timers: wiring.timers,
    registry: wiring.registry,
    clock: wiring.clock,
    logger,
    outbound: new SlackGroupOutbound({ store, access, registry: wiring.registry, clock: wiring.clock, logger }),
    describeError,
    defaults: { limits: { idleDays: wiring.idleDays, maxDays: wiring.maxDays }, reminderLeadHours: wiring.reminderLeadHours },
    workspaces,
    inFlight,
  });
  service.routeTimers(GROUP_TIMERS, (entry) => groups.fire(entry));
  return groups;
}

