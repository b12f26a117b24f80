/**
 * The group service on its own: real stores on Redis, the real scheduler and
 * session service, and in place of Slack recording ports (the only fakes).
 * A group's timers ask for cases, remind, and create each meeting as a
 * session on its time; a restart loses nothing; a meeting's close is kept as
 * a count; deleting a group leaves no key.
 */
import { ManualClock } from '../../src/clock';
import { formats } from '../../src/engine';
import type { Group } from '../../src/engine/groups/group';
import type { NewGroup } from '../../src/engine/groups';
import type { Session, UserId } from '../../src/engine/session';
import { createLogger } from '../../src/logger';
import { plainDescriber } from '../../src/logging/describe-error';
import type { CommandBody } from '../../src/engine/session';
import { RedisTimerStore } from '../../src/scheduler/redis-timer-store';
import { GroupService, groupTimerOwner } from '../../src/service/groups/group-service';
import type { GroupOutbound } from '../../src/service/groups/ports';
import { duePlan, meetingSession } from '../../src/service/groups/meetings';
import type { Eraser, Outbound } from '../../src/service/ports';
import { SessionService } from '../../src/service/session-service';
import { inWorkspace } from '../../src/service/workspace';
import { InFlight } from '../../src/shutdown';
import { RedisGroupStore } from '../../src/store/redis/redis-group-store';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { globEscape, isolatedRedis, scanKeys } from '../support/redis';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());

const quiet = createLogger('silent');
const [A, B, C, D] = ['U0AAA', 'U0BBB', 'U0CCC', 'U0DDD'];
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
/** Friday 1 March 2024, noon UTC; the group meets on Tuesdays at 18:00 in Berlin (17:00 UTC in March). */
const CREATED = utc(2024, 3, 1, 12);
const FIRST = utc(2024, 3, 5, 17);
const SECOND = utc(2024, 3, 12, 17);

class RecordingGroupOutbound implements GroupOutbound {
  calls: string[] = [];
  asked: Array<{ slot: string; users: readonly UserId[] }> = [];
  gone = false;
  async card(group: Group) {
    this.calls.push(`card:${group.seq}`);
  }
  async ask(_group: Group, slot: string, users: readonly UserId[]) {
    this.asked.push({ slot, users });
  }
  async remind(_group: Group, slot: string) {
    this.calls.push(`remind:${slot}`);
  }
  async tidy(_group: Group, slot: string) {
    this.calls.push(`tidy:${slot}`);
  }
  async meetingPlace(group: Group) {
    return this.gone ? ('gone' as const) : { channel: group.channel, openChannel: false };
  }
  async erase(group: Group) {
    this.calls.push(`erase:${group.id}`);
  }
}

const outbound: Outbound = { deliver: async () => undefined, redraw: async () => 'done' };

function params(id = 'grp1'): NewGroup {
  return {
    id,
    channel: 'C0GROUP',
    name: 'Coaches',
    createdBy: A,
    members: [B, C, D],
    facilitators: [A, B],
    zone: 'Europe/Berlin',
    rule: { kind: 'weekly', every: 1, weekday: 2, time: '18:00', start: '2024-03-01' },
    settings: { formatId: 'progress-focused', meeting: 'live', facilitatorIsMember: true, askDays: 3, remindMinutes: 30 },
  };
}

/** A bot's services on a prefix of Redis: a second call with the same prefix is the bot after a restart. */
function setUp(prefix = `${iso.prefix}${Math.random().toString(36).slice(2, 8)}:`, clock = new ManualClock(CREATED)) {
  const store = new RedisSessionStore(iso.redis, { prefix });
  const timers = new RedisTimerStore(iso.redis, { prefix });
  const groups = new RedisGroupStore(iso.redis, { prefix });
  const slack = new RecordingGroupOutbound();
  const late: { service?: GroupService } = {};
  const eraser: Eraser = {
    purge: async (session: Session) => {
      await late.service?.meetingClosed(session);
      await store.beginPurge({ sessionId: session.id, channel: session.channel, formatId: session.formatId, people: 0, createdAt: 0, closedAt: 0, reason: 'facilitator' });
      await store.finishPurge(session.id);
    },
    purgeUnreadable: async () => undefined,
    finish: async () => undefined,
  };
  const inFlight = new InFlight();
  const sessions = new SessionService({ store, timers, registry: formats, clock, logger: quiet, inFlight, outbound, eraser, idleDays: 7, maxDays: 30, sweepIntervalMs: 3_600_000 });
  const service = new GroupService({ store: groups, sessions, timers, registry: formats, clock, logger: quiet, outbound: slack, describeError: plainDescriber, defaults: { limits: { idleDays: 7, maxDays: 30 }, reminderLeadHours: 2 }, inFlight });
  late.service = service;
  sessions.routeTimers('group', (entry) => service.fire(entry));
  const at = async (ms: number) => {
    clock.set(ms);
    await sessions.scheduler.tick();
    await inFlight.idle();
  };
  return { prefix, clock, store, timers, groups, slack, sessions, service, inFlight, at };
}

async function created(s: ReturnType<typeof setUp>): Promise<Group> {
  const result = await s.service.create(params());
  if (!result.ok) throw new Error(result.problem.reason);
  return result.group;
}

describe('the group service', () => {
  it('creates a group with its card and the timers of its first meeting, one group per channel', async () => {
    const s = setUp();
    await created(s);
    expect(s.slack.calls).toEqual(['card:1']);
    const timers = (await s.timers.list(groupTimerOwner('grp1'))).map((t) => [t.timer.stage, t.timer.at]);
    expect(timers).toEqual([['ask', FIRST - 3 * 86_400_000], ['remind', FIRST - 1_800_000], ['meet', FIRST]]);
    const again = await s.service.create(params('grp2'));
    expect(again).toEqual({ ok: false, problem: { field: 'name', reason: 'This channel has a group already: type /intervision group to see it.' } });
  });

  it('asks the members there (not the facilitator) once, reminds once, and creates the meeting on its time, across a restart', async () => {
    const first = setUp();
    await created(first);
    await first.service.dispatch('grp1', B, 'p1', { kind: 'propose', title: 'Team conflict' });
    await first.at(FIRST - 3 * 86_400_000);
    expect(first.slack.asked).toEqual([{ slot: '2024-03-05', users: [B, C, D] }]);
    // The bot restarts: everything it needs is in Redis.
    const s = setUp(first.prefix, first.clock);
    await s.at(FIRST - 1_800_000);
    expect(s.slack.calls).toEqual(['remind:2024-03-05']);
    await s.at(FIRST);
    const group = await s.groups.load('grp1');
    const record = group?.meetings[0];
    expect(record).toMatchObject({ slot: '2024-03-05', at: FIRST, formatId: 'progress-focused', meeting: 'live' });
    const session = await s.store.load(record?.sessionId ?? '');
    expect(session).toMatchObject({ facilitator: A, members: [A, B, C, D], title: 'Coaches', group: { id: 'grp1', slot: '2024-03-05' }, status: 'open' });
    expect(session?.presenter).toBeUndefined();
    expect(session?.selection?.proposals).toEqual([expect.objectContaining({ author: B, title: 'Team conflict' })]);
    expect(session?.settings.timeZone).toBe('Europe/Berlin');
    // The group let go of the case's title, moved the rotation on and set the next meeting's timers.
    expect(group?.proposals).toEqual([]);
    expect(group?.rotation).toEqual([B, A]);
    expect(s.slack.calls).toContain('tidy:2024-03-05');
    expect((await s.timers.list(groupTimerOwner('grp1'))).map((t) => t.timer.slot)).toEqual(['2024-03-12', '2024-03-12', '2024-03-12']);
    // Nothing fires twice.
    await s.at(FIRST + 60_000);
    expect(first.slack.asked.length + s.slack.asked.length).toBe(1);
    expect((await s.groups.load('grp1'))?.meetings).toHaveLength(1);
  });

  it('finds the meeting’s session a crash left behind (stored, the group not yet told) instead of creating a second one', async () => {
    const s = setUp();
    await created(s);
    await s.service.dispatch('grp1', C, 'p1', { kind: 'propose', title: 'Before the crash' });
    s.clock.set(FIRST);
    // The process stored the meeting's session, then died before the group recorded it.
    const group = (await s.groups.load('grp1')) as Group;
    const plan = duePlan({ clock: s.clock, logger: quiet }, group, '2024-03-05');
    if (!plan) throw new Error('not due');
    const left = meetingSession({ clock: s.clock, registry: formats, logger: quiet, defaults: { limits: { idleDays: 7, maxDays: 30 }, reminderLeadHours: 2 } }, group, plan, { channel: 'C0GROUP', openChannel: false });
    if (!left) throw new Error('no session');
    expect(await s.sessions.createMeeting(left.session, left.effects)).toBe(true);
    // A case proposed meanwhile is not in that session: it waits for the next meeting.
    await s.service.dispatch('grp1', D, 'p2', { kind: 'propose', title: 'After the crash' });
    await s.at(FIRST);
    const after = await s.groups.load('grp1');
    expect(after?.meetings.map((m) => m.sessionId)).toEqual([left.session.id]);
    expect(await s.store.listByChannel('C0GROUP')).toEqual([left.session.id]);
    expect(after?.proposals.map((p) => p.title)).toEqual(['After the crash']);
  });

  it('keeps how many took part when the meeting closes, and carries a case not chosen to the next meeting', async () => {
    const s = setUp();
    await created(s);
    await s.service.dispatch('grp1', B, 'p1', { kind: 'propose', title: 'Mine' });
    await s.service.dispatch('grp1', C, 'p2', { kind: 'propose', title: 'Theirs' });
    await s.at(FIRST);
    const id = (await s.groups.load('grp1'))?.meetings[0]?.sessionId ?? '';
    const send = async (actor: string, body: CommandBody, n: string) => {
      const session = await s.store.load(id);
      const result = await s.sessions.dispatch(id, { ...body, id: n, actor, seq: session?.seq ?? 0 });
      if (!result.ok) throw new Error(`refused: ${result.code}${'key' in result ? ` ${result.key}` : ''}`);
    };
    for (const user of [A, B, C, D]) await send(user, { kind: 'agree' }, `agree-${user}`);
    await send(A, { kind: 'start' }, 'start');
    await send(A, { kind: 'pick-case', proposalId: 'g1' }, 'pick');
    expect((await s.store.load(id))?.presenter).toBe(B);
    const carried = await s.service.release(id, 'g2', C, true);
    expect(carried.ok).toBe(true);
    expect((await s.groups.load('grp1'))?.proposals).toEqual([expect.objectContaining({ author: C, title: 'Theirs', carried: true })]);
    expect((await s.store.load(id))?.selection?.proposals.map((p) => p.id)).toEqual(['g1']);
    await send(A, { kind: 'close', reason: 'facilitator' }, 'close');
    await s.inFlight.idle();
    expect((await s.groups.load('grp1'))?.meetings[0]).toEqual({ slot: '2024-03-05', at: FIRST, formatId: 'progress-focused', meeting: 'live', people: 4 });
  });

  it('mends timers a lost run left behind: a timer for a meeting no longer next sets the right ones', async () => {
    const s = setUp();
    const group = await created(s);
    // The meeting was skipped, and the process died before the timers followed.
    expect(await s.groups.commit({ ...group, seq: group.seq + 1, cadence: { ...group.cadence, skips: ['2024-03-05'] } }, group.seq)).toBe('committed');
    await s.at(FIRST - 3 * 86_400_000);
    expect(s.slack.asked).toEqual([]);
    const timers = await s.timers.list(groupTimerOwner('grp1'));
    expect(timers.map((t) => [t.timer.stage, t.timer.slot])).toEqual([['ask', '2024-03-12'], ['remind', '2024-03-12'], ['meet', '2024-03-12']]);
  });

  it('misses a meeting whose channel is gone, and sets the timers of the next one', async () => {
    const s = setUp();
    await created(s);
    s.slack.gone = true;
    await s.at(FIRST);
    expect((await s.groups.load('grp1'))?.meetings).toEqual([]);
    const meet = (await s.timers.list(groupTimerOwner('grp1'))).find((t) => t.timer.stage === 'meet');
    expect(meet?.timer).toMatchObject({ slot: '2024-03-12', at: SECOND });
  });

  it('deletes a group only by its owner and not while a meeting is open; then no key of it is left', async () => {
    const s = setUp();
    await created(s);
    await s.at(FIRST);
    expect(await s.service.delete('grp1', B, 'd1')).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await s.service.delete('grp1', A, 'd2')).toMatchObject({ ok: false, reason: expect.stringMatching(/still open/) });
    const id = (await s.groups.load('grp1'))?.meetings[0]?.sessionId ?? '';
    const session = await s.store.load(id);
    await s.sessions.dispatch(id, { id: 'close', actor: A, seq: session?.seq ?? 0, kind: 'close', reason: 'facilitator' });
    await s.inFlight.idle();
    expect(await s.service.delete('grp1', A, 'd3')).toMatchObject({ ok: true });
    expect(s.slack.calls).toContain('erase:grp1');
    expect(await scanKeys(iso.redis, `${globEscape(s.prefix)}*group*`)).toEqual([]);
    expect((await s.timers.list(groupTimerOwner('grp1')))).toEqual([]);
  });

  it('reaches a group only from its own workspace', async () => {
    const s = setUp();
    const group = await inWorkspace('T1', async () => {
      const result = await new GroupService({ ...optionsOf(s), workspaces: 'many' }).create(params());
      return result.ok ? result.group : undefined;
    });
    expect(group?.team).toBe('T1');
    const many = new GroupService({ ...optionsOf(s), workspaces: 'many' });
    expect(await inWorkspace('T2', () => many.view('grp1', A))).toBeNull();
    expect(await inWorkspace('T2', () => many.dispatch('grp1', B, 'x', { kind: 'propose' }))).toMatchObject({ ok: false, code: 'other-workspace' });
    expect((await inWorkspace('T1', () => many.view('grp1', A)))?.group.id).toBe('grp1');
    expect(await many.view('grp1', A)).toBeNull();
  });
});

function optionsOf(s: ReturnType<typeof setUp>) {
  return { store: s.groups, sessions: s.sessions, timers: s.timers, registry: formats, clock: s.clock, logger: quiet, outbound: s.slack, describeError: plainDescriber, defaults: { limits: { idleDays: 7, maxDays: 30 }, reminderLeadHours: 2 } };
}
