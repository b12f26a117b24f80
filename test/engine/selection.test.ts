/**
 * A group's meeting chooses its case before the format's phases: cases
 * proposed before it (and in it), votes by members who agreed (one each,
 * changeable until the vote closes), the facilitator's close (a tie is
 * theirs to break) or pick, the chosen proposer as presenter, and the cases
 * not chosen carried or let go by their authors.
 */
import { applicableDm } from '../../src/engine/dm-applies';
import { formats } from '../../src/engine/formats';
import { participants, whoIsWaitedFor } from '../../src/engine/queries';
import type { CaseProposal } from '../../src/engine/session';
import { ANNA, BEN, CARA, DAN, FACILITATOR, HOUR, PRESENTER, Table } from './table';

const CASES: CaseProposal[] = [
  { id: 'g1', author: PRESENTER, title: 'Team that stopped talking', at: 0 },
  { id: 'g2', author: ANNA, at: 0 },
];

function meeting(options: { members?: string[]; agreed?: string[]; proposals?: CaseProposal[] } = {}): Table {
  const members = options.members ?? [PRESENTER, ANNA, BEN, CARA];
  return new Table({ members, proposals: options.proposals ?? CASES, ...(options.agreed ? { agreed: options.agreed } : {}) });
}

describe('a meeting without a fixed presenter', () => {
  it('has no presenter and lists the cases proposed by its members (never the facilitator’s)', () => {
    const t = meeting({ proposals: [...CASES, { id: 'g3', author: FACILITATOR, at: 0 }, { id: 'g4', author: DAN, at: 0 }] });
    expect(t.session.presenter).toBeUndefined();
    expect(t.session.selection?.proposals.map((p) => p.id)).toEqual(['g1', 'g2']);
    expect(participants(t.session)).toEqual([FACILITATOR, PRESENTER, ANNA, BEN, CARA]);
    expect(t.session.group).toEqual({ id: 'G1', slot: '2025-06-03' });
  });

  it('starts by choosing the case: status selecting, its prompt drawn, no phase yet', () => {
    const t = meeting();
    const started = t.start();
    expect(t.session.status).toBe('selecting');
    expect(t.session.current).toBeNull();
    expect(started.effects).toEqual(expect.arrayContaining([{ type: 'card' }, { type: 'selection' }]));
    expect(whoIsWaitedFor(t.session)).toEqual([FACILITATOR]);
    expect(t.no(ANNA, { kind: 'input', phaseId: 'presentation', round: 1, text: 'x' })).toMatchObject({ code: 'not-started', key: 'choosingCase' });
  });

  it('needs one member more than the format to start: one of them will present', () => {
    const t = meeting({ members: [PRESENTER, ANNA] });
    expect(t.no(FACILITATOR, { kind: 'start' })).toMatchObject({ key: 'tooFewReady', params: { count: 3 } });
  });
});

describe('voting', () => {
  it('gives each member who agreed one vote, changeable, and the most votes win when the facilitator closes the vote', () => {
    const t = meeting();
    t.start();
    t.ok(BEN, { kind: 'vote', proposalId: 'g2' });
    t.ok(BEN, { kind: 'vote', proposalId: 'g1' });
    expect(t.no(BEN, { kind: 'vote', proposalId: 'g1' })).toMatchObject({ key: 'alreadyVoted' });
    t.ok(CARA, { kind: 'vote', proposalId: 'g1' });
    t.ok(ANNA, { kind: 'vote', proposalId: 'g2' });
    expect(t.session.selection?.votes).toEqual({ [BEN]: 'g1', [CARA]: 'g1', [ANNA]: 'g2' });
    const closed = t.ok(FACILITATOR, { kind: 'close-vote' });
    expect(t.session.presenter).toBe(PRESENTER);
    expect(t.session.members).toEqual([ANNA, BEN, CARA]);
    expect(t.session.status).toBe('running');
    expect(t.phaseId).toBe('presentation');
    expect(t.session.selection?.chosen).toMatchObject({ proposalId: 'g1', author: PRESENTER, by: 'vote' });
    expect(t.session.selection?.votes).toEqual({});
    // The author of the case not chosen is told privately.
    expect(closed.effects).toEqual(expect.arrayContaining([{ type: 'dm', user: ANNA, message: 'case-not-chosen' }, { type: 'selection' }]));
  });

  it('lets only members vote: the facilitator closes or picks, outsiders and people who did not agree are turned away', () => {
    const t = meeting();
    t.start();
    expect(t.no(FACILITATOR, { kind: 'vote', proposalId: 'g1' })).toMatchObject({ code: 'not-allowed', key: 'membersVote' });
    expect(t.no(DAN, { kind: 'vote', proposalId: 'g1' }).code).toBe('not-participant');
    expect(t.no(BEN, { kind: 'vote', proposalId: 'g9' }).code).toBe('stale');
    expect(t.no(BEN, { kind: 'close-vote' }).code).toBe('not-allowed');
  });

  it('leaves a tie to the facilitator, who picks one of the tied cases', () => {
    const t = meeting();
    t.start();
    t.ok(BEN, { kind: 'vote', proposalId: 'g1' });
    t.ok(CARA, { kind: 'vote', proposalId: 'g2' });
    expect(t.no(FACILITATOR, { kind: 'close-vote' })).toMatchObject({ key: 'voteTied', params: { people: { users: [PRESENTER, ANNA] } } });
    t.ok(FACILITATOR, { kind: 'pick-case', proposalId: 'g2' });
    expect(t.session.presenter).toBe(ANNA);
    expect(t.session.selection?.chosen?.by).toBe('pick');
    expect(t.session.members).toEqual([PRESENTER, BEN, CARA]);
  });

  it('lets the facilitator pick without a vote, and refuses a case that would leave too few members', () => {
    const t = meeting({ members: [PRESENTER, ANNA, BEN] });
    t.start();
    t.ok(FACILITATOR, { kind: 'remove', member: BEN });
    expect(t.no(FACILITATOR, { kind: 'pick-case', proposalId: 'g1' })).toMatchObject({ key: 'tooFewLeft', params: { author: { user: PRESENTER }, count: 1, min: 2 } });
  });

  it('closes no vote without a case; a member may still bring one in the meeting', () => {
    const t = meeting({ proposals: [] });
    t.start();
    expect(t.no(FACILITATOR, { kind: 'close-vote' })).toMatchObject({ key: 'noCaseProposed' });
    expect(t.no(FACILITATOR, { kind: 'propose-case', title: 'mine' }).code).toBe('not-allowed');
    t.ok(CARA, { kind: 'propose-case', title: 'A late case' });
    t.ok(CARA, { kind: 'propose-case' });
    expect(t.session.selection?.proposals).toEqual([{ id: 'm1', author: CARA, at: t.now }]);
    t.ok(BEN, { kind: 'vote', proposalId: 'm1' });
    t.ok(FACILITATOR, { kind: 'close-vote' });
    expect(t.session.presenter).toBe(CARA);
  });
});

describe('withdrawing, leaving, carrying', () => {
  it('lets the author withdraw their case until the choice, taking the votes for it along', () => {
    const t = meeting();
    t.start();
    t.ok(BEN, { kind: 'vote', proposalId: 'g2' });
    expect(t.no(BEN, { kind: 'withdraw-case', proposalId: 'g2' }).code).toBe('not-allowed');
    t.ok(ANNA, { kind: 'withdraw-case', proposalId: 'g2' });
    expect(t.session.selection?.proposals.map((p) => p.id)).toEqual(['g1']);
    expect(t.session.selection?.votes).toEqual({});
    t.ok(FACILITATOR, { kind: 'pick-case', proposalId: 'g1' });
    expect(t.no(PRESENTER, { kind: 'withdraw-case', proposalId: 'g1' }).code).toBe('stale');
  });

  it('takes a leaving member’s case and vote with them', () => {
    const t = meeting({ members: [PRESENTER, ANNA, BEN, CARA, DAN] });
    t.start();
    t.ok(ANNA, { kind: 'vote', proposalId: 'g1' });
    t.ok(ANNA, { kind: 'leave' });
    expect(t.session.selection?.proposals.map((p) => p.author)).toEqual([PRESENTER]);
    expect(t.session.selection?.votes).toEqual({});
  });

  it('takes off at the start whoever has not agreed, and their case', () => {
    const t = meeting({ members: [PRESENTER, ANNA, BEN, CARA, DAN], agreed: [FACILITATOR, PRESENTER, BEN, CARA, DAN] });
    t.ok(FACILITATOR, { kind: 'start', without: [ANNA] });
    expect(t.session.selection?.proposals.map((p) => p.id)).toEqual(['g1']);
  });

  it('after the choice, lets the author of a case not chosen carry it or let it go; the DM applies until then', () => {
    const t = meeting();
    t.start();
    t.ok(FACILITATOR, { kind: 'pick-case', proposalId: 'g1' });
    const format = formats.require(t.session.formatId);
    expect(applicableDm(t.session, format, { type: 'dm', user: ANNA, message: 'case-not-chosen' }, t.now)).toMatchObject({ message: 'case-not-chosen', proposal: { id: 'g2' } });
    expect(t.no(BEN, { kind: 'release-case', proposalId: 'g2', carry: true }).code).toBe('not-allowed');
    expect(t.no(PRESENTER, { kind: 'release-case', proposalId: 'g1', carry: false })).toMatchObject({ key: 'caseTaken' });
    t.ok(ANNA, { kind: 'release-case', proposalId: 'g2', carry: true });
    expect(t.session.selection?.proposals.map((p) => p.id)).toEqual(['g1']);
    expect(applicableDm(t.session, format, { type: 'dm', user: ANNA, message: 'case-not-chosen' }, t.now)).toBeUndefined();
  });
});

describe('limits hold while choosing', () => {
  it('an idle meeting that never chose a case is closed like any session', () => {
    const t = new Table({ members: [PRESENTER, ANNA, BEN, CARA], proposals: CASES, limits: { idleDays: 1, maxDays: 30 } });
    t.start();
    t.wait(25 * HOUR);
    t.ok('system', { kind: 'timer', timer: { kind: 'idle', stage: 'idle', at: t.now } });
    expect(t.session.status).toBe('closing');
  });

  it('the phases’ commands and the presenter’s are refused kindly before the choice', () => {
    const t = meeting();
    expect(t.no(PRESENTER, { kind: 'presenter-copy', on: false })).toMatchObject({ code: 'not-allowed', key: 'presenterNotChosen' });
    t.start();
    expect(t.no(FACILITATOR, { kind: 'pause' }).code).toBe('not-started');
  });
});
