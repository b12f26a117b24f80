/**
 * The rules of a group: creating it, members and the rotation, cases
 * proposed in private (who may read them), the timers before a meeting, the
 * meeting created and closed, skipping and postponing, deleting.
 */
import { checkNewGroup, newGroup, planMeeting, proposalsVisibleTo, nextFacilitator, nextMeeting, type Group, type GroupEffect } from '../../../src/engine/groups';
import { A, B, C, D, E, CREATED, FIRST, OUTSIDER, SYSTEM, aGroup, act, ok, params, utc } from './group-fixture';

const DAY = 86_400_000;

function schedules(effects: GroupEffect[]): Record<string, number> {
  const found: Record<string, number> = {};
  for (const e of effects) if (e.type === 'schedule') found[e.timer.stage ?? ''] = e.timer.at;
  return found;
}

/** Creates the next meeting as the service does: plan, then meeting-created. */
function meet(group: Group, now: number, sessionId = 'S1'): { group: Group; plan: Exclude<ReturnType<typeof planMeeting>, { refused: string }> } {
  const slot = nextMeeting(group, now)?.slot ?? '';
  const plan = planMeeting(group, slot, now);
  if ('refused' in plan) throw new Error(plan.refused);
  const next = ok(group, SYSTEM, { kind: 'meeting-created', slot, sessionId, facilitator: plan.facilitator, proposalIds: plan.proposals.map((p) => p.id) }, now);
  return { group: next, plan };
}

describe('a new group', () => {
  it('posts its card and sets the timers of its first meeting: ask 3 days before, remind 30 minutes before, meet', () => {
    const { group, effects } = newGroup(params(), CREATED);
    expect(group.members).toEqual([A, B, C, D, E]);
    expect(group.rotation).toEqual([A, B, C]);
    expect(effects[0]).toEqual({ type: 'card' });
    expect(schedules(effects)).toEqual({ meet: FIRST, ask: FIRST - 3 * DAY, remind: FIRST - 30 * 60_000 });
  });

  it('asks at once when the first meeting is closer than the asking days', () => {
    const { effects } = newGroup(params(), utc(2024, 3, 4, 9));
    expect(schedules(effects).ask).toBe(utc(2024, 3, 4, 9));
  });

  it('refuses a form with too few members, a facilitator who is not a member, or an unknown zone, on its field', () => {
    expect(checkNewGroup(params({ members: [B] }))).toEqual({ field: 'members', reason: 'A group needs at least 3 members, you included, to hold its meetings.' });
    expect(checkNewGroup(params({ facilitators: [OUTSIDER] }))?.field).toBe('facilitators');
    expect(checkNewGroup(params({ zone: 'Nowhere/Else' }))?.field).toBe('cadence');
    expect(checkNewGroup(params({ name: '   ' }))?.field).toBe('name');
    expect(checkNewGroup(params({ settings: { ...params().settings, askDays: 15 } }))?.field).toBe('ask');
  });
});

describe('members and the rotation', () => {
  it('lets someone join (they facilitate in turn, last) and leave (everything of theirs goes)', () => {
    let g = ok(aGroup(), OUTSIDER, { kind: 'join' });
    expect(g.members).toContain(OUTSIDER);
    expect(g.rotation.at(-1)).toBe(OUTSIDER);
    g = ok(g, OUTSIDER, { kind: 'propose', title: 'x' });
    g = ok(g, OUTSIDER, { kind: 'leave' });
    expect(g.members).not.toContain(OUTSIDER);
    expect(g.rotation).not.toContain(OUTSIDER);
    expect(g.proposals).toEqual([]);
  });

  it('passes the group to the next member when its owner leaves, and refuses the last member leaving', () => {
    const g = ok(aGroup(), A, { kind: 'leave' });
    expect(g.owner).toBe(B);
    let small = aGroup({ members: [B, C], facilitators: [A] });
    small = ok(ok(small, B, { kind: 'leave' }), C, { kind: 'leave' });
    expect(act(small, A, { kind: 'leave' })).toMatchObject({ ok: false, reason: "You're the last member: delete the group instead." });
  });

  it('passes over a member away that day; they facilitate the meeting after', () => {
    const g = ok(aGroup(), A, { kind: 'away', slot: '2024-03-05', on: true });
    expect(nextFacilitator(g, CREATED)).toBe(B);
    const { group: after, plan } = meet(g, FIRST);
    expect(plan.facilitator).toBe(B);
    expect(plan.members).not.toContain(A);
    expect(after.rotation).toEqual([A, C, B]);
    expect(nextFacilitator(after, FIRST + 1)).toBe(A);
  });

  it('lets only the due facilitator hand a meeting over, to someone who facilitates and is there', () => {
    const g = aGroup();
    expect(act(g, B, { kind: 'swap', slot: '2024-03-05', to: C })).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(act(g, A, { kind: 'swap', slot: '2024-03-05', to: D })).toMatchObject({ ok: false, reason: `<@${D}> doesn't facilitate in this group.` });
    const away = ok(g, C, { kind: 'away', slot: '2024-03-05', on: true });
    expect(act(away, A, { kind: 'swap', slot: '2024-03-05', to: C })).toMatchObject({ ok: false });
    const swapped = ok(g, A, { kind: 'swap', slot: '2024-03-05', to: C });
    expect(nextFacilitator(swapped, CREATED)).toBe(C);
    // A keeps their place: they facilitate the meeting after.
    const { group: after } = meet(swapped, FIRST);
    expect(nextFacilitator(after, FIRST + 1)).toBe(A);
  });

  it('takes out a member whose account was deactivated, as if they had left (only the system may)', () => {
    let g = ok(aGroup(), B, { kind: 'propose', title: 'mine' });
    expect(act(g, A, { kind: 'remove', member: B })).toMatchObject({ ok: false, code: 'not-allowed' });
    g = ok(g, SYSTEM, { kind: 'remove', member: B });
    expect(g.members).not.toContain(B);
    expect(g.rotation).toEqual([A, C]);
    expect(g.proposals).toEqual([]);
    expect(act(g, SYSTEM, { kind: 'remove', member: B })).toMatchObject({ ok: false });
  });

  it('keeps someone facilitating: the last one cannot stop', () => {
    let g = ok(aGroup(), B, { kind: 'facilitates', on: false });
    g = ok(g, C, { kind: 'facilitates', on: false });
    expect(act(g, A, { kind: 'facilitates', on: false })).toMatchObject({ ok: false });
    expect(ok(g, D, { kind: 'facilitates', on: true }).rotation).toEqual([A, D]);
  });
});

describe('cases proposed in private', () => {
  it('lets a member bring one case with an optional short title, change it and withdraw it', () => {
    let g = ok(aGroup(), B, { kind: 'propose', title: 'Team conflict' });
    g = ok(g, C, { kind: 'propose' });
    expect(g.proposals.map((p) => [p.author, p.title])).toEqual([[B, 'Team conflict'], [C, undefined]]);
    g = ok(g, B, { kind: 'propose', title: 'A new title' });
    expect(g.proposals).toHaveLength(2);
    expect(g.proposals[0]?.title).toBe('A new title');
    g = ok(g, B, { kind: 'withdraw' });
    expect(g.proposals.map((p) => p.author)).toEqual([C]);
    expect(act(g, B, { kind: 'withdraw' })).toMatchObject({ ok: false });
    expect(act(g, B, { kind: 'propose', title: 'x'.repeat(81) })).toMatchObject({ ok: false });
  });

  it('refuses a case from the next meeting’s facilitator, from someone away, and from outside the group', () => {
    expect(act(aGroup(), A, { kind: 'propose', title: 't' })).toMatchObject({ ok: false, code: 'not-allowed' });
    const away = ok(aGroup(), D, { kind: 'away', slot: '2024-03-05', on: true });
    expect(act(away, D, { kind: 'propose' })).toMatchObject({ ok: false });
    expect(act(aGroup(), OUTSIDER, { kind: 'propose' })).toMatchObject({ ok: false, code: 'not-participant' });
  });

  it('shows the titles before the meeting only to its facilitator; a member sees their own and the count; others nothing', () => {
    let g = ok(aGroup(), B, { kind: 'propose', title: 'Team conflict' });
    g = ok(g, D, { kind: 'propose', title: 'Budget talk' });
    const forA = proposalsVisibleTo(g, A, CREATED);
    expect(forA.can === 'all' && forA.proposals.map((p) => p.title)).toEqual(['Team conflict', 'Budget talk']);
    expect(proposalsVisibleTo(g, B, CREATED)).toMatchObject({ can: 'own', own: { title: 'Team conflict' }, count: 2 });
    expect(proposalsVisibleTo(g, E, CREATED)).toEqual({ can: 'own', count: 2 });
    expect(proposalsVisibleTo(g, OUTSIDER, CREATED)).toEqual({ can: 'none' });
  });

  it('passes over a proposer for the facilitation of the meeting they bring a case to', () => {
    let g = ok(aGroup(), B, { kind: 'propose', title: 'mine' });
    g = ok(g, A, { kind: 'away', slot: '2024-03-05', on: true });
    expect(nextFacilitator(g, CREATED)).toBe(C);
    expect(proposalsVisibleTo(g, B, CREATED).can).toBe('own');
  });
});

describe('before and at a meeting', () => {
  it('asks every member there but the facilitator, once, when the ask is due', () => {
    const g = ok(aGroup(), D, { kind: 'away', slot: '2024-03-05', on: true });
    const timer = { kind: 'group' as const, stage: 'ask', slot: '2024-03-05', at: FIRST - 3 * DAY };
    expect(act(g, SYSTEM, { kind: 'timer', timer }, FIRST - 4 * DAY)).toMatchObject({ ok: false, code: 'stale' });
    const asked = act(g, SYSTEM, { kind: 'timer', timer }, FIRST - 3 * DAY);
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.effects).toEqual([B, C, E].map((user) => ({ type: 'ask', slot: '2024-03-05', user })));
    expect(act(asked.group, SYSTEM, { kind: 'timer', timer }, FIRST - 2 * DAY)).toMatchObject({ ok: false });
  });

  it('reminds the group once, and not for a meeting that is no longer next', () => {
    const timer = { kind: 'group' as const, stage: 'remind', slot: '2024-03-05', at: FIRST - 1_800_000 };
    const reminded = act(aGroup(), SYSTEM, { kind: 'timer', timer }, FIRST - 1_800_000);
    expect(reminded).toMatchObject({ ok: true, effects: [{ type: 'remind', slot: '2024-03-05' }] });
    const skipped = ok(aGroup(), B, { kind: 'skip', slot: '2024-03-05', on: true });
    expect(act(skipped, SYSTEM, { kind: 'timer', timer }, FIRST - 1_800_000)).toMatchObject({ ok: false, code: 'stale' });
  });

  it('creates a due meeting with its facilitator, those there, and the cases proposed (not the facilitator’s)', () => {
    let g = ok(aGroup(), B, { kind: 'propose', title: 'Team conflict' });
    g = ok(g, C, { kind: 'propose' });
    expect(planMeeting(g, '2024-03-05', FIRST - 1)).toEqual({ refused: 'not due yet' });
    const { group: after, plan } = meet(g, FIRST);
    expect(plan).toMatchObject({ slot: '2024-03-05', at: FIRST, facilitator: A, members: [B, C, D, E] });
    expect(plan.proposals.map((p) => p.author)).toEqual([B, C]);
    expect(after.proposals).toEqual([]);
    expect(after.rotation).toEqual([B, C, A]);
    expect(after.meetings).toEqual([{ slot: '2024-03-05', at: FIRST, formatId: 'progress-focused', meeting: 'live', sessionId: 'S1' }]);
    expect(nextMeeting(after, FIRST + 1)?.slot).toBe('2024-03-12');
    expect(planMeeting(after, '2024-03-05', FIRST)).toEqual({ refused: 'not the next meeting' });
  });

  it('records how many took part when the meeting closes, and forgets its session', () => {
    const { group } = meet(aGroup(), FIRST);
    const closed = ok(group, SYSTEM, { kind: 'meeting-closed', sessionId: 'S1', people: 4 }, FIRST + 3_600_000);
    expect(closed.meetings[0]).toEqual({ slot: '2024-03-05', at: FIRST, formatId: 'progress-focused', meeting: 'live', people: 4 });
  });

  it('treats a meeting the bot missed by more than six hours as missed, not due', () => {
    expect(nextMeeting(aGroup(), FIRST + 7 * 3_600_000)?.slot).toBe('2024-03-12');
  });
});

describe('skip and postpone for one meeting', () => {
  it('skips a meeting (and brings it back), moving the timers to the next one', () => {
    const skipped = act(aGroup(), C, { kind: 'skip', slot: '2024-03-05', on: true });
    if (!skipped.ok) throw new Error(skipped.reason);
    expect(nextMeeting(skipped.group, CREATED)?.slot).toBe('2024-03-12');
    expect(schedules(skipped.effects).meet).toBe(utc(2024, 3, 12, 17));
    const back = ok(skipped.group, C, { kind: 'skip', slot: '2024-03-05', on: false });
    expect(nextMeeting(back, CREATED)?.slot).toBe('2024-03-05');
  });

  it('postpones the next meeting to a later time before the one after, and reminds again before the new time', () => {
    const moved = act(aGroup(), B, { kind: 'postpone', slot: '2024-03-05', date: '2024-03-07', time: '09:00' });
    if (!moved.ok) throw new Error(moved.reason);
    expect(nextMeeting(moved.group, CREATED)).toEqual({ slot: '2024-03-05', at: utc(2024, 3, 7, 8), moved: true });
    expect(schedules(moved.effects).meet).toBe(utc(2024, 3, 7, 8));
    expect(act(aGroup(), B, { kind: 'postpone', slot: '2024-03-12', date: '2024-03-13', time: '09:00' })).toMatchObject({ ok: false });
  });
});

describe('who may do what', () => {
  it('lets only the owner delete, and not while a meeting is open', () => {
    expect(act(aGroup(), B, { kind: 'delete' })).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(act(aGroup(), A, { kind: 'delete' })).toMatchObject({ ok: true });
    expect(act(meet(aGroup(), FIRST).group, A, { kind: 'delete' }, FIRST + 1)).toMatchObject({ ok: false });
  });

  it('refuses people the system’s commands and outsiders the members’', () => {
    expect(act(aGroup(), A, { kind: 'meeting-closed', sessionId: 'S1', people: 1 })).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(act(aGroup(), OUTSIDER, { kind: 'skip', slot: '2024-03-05', on: true })).toMatchObject({ ok: false, code: 'not-participant' });
  });

  it('applies a repeated command once', () => {
    const first = act(aGroup(), B, { kind: 'propose', title: 't' }, CREATED, 'same');
    if (!first.ok) throw new Error(first.reason);
    const again = act(first.group, B, { kind: 'propose', title: 'other' }, CREATED, 'same');
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(first.group.seq).toBe(2);
  });
});
