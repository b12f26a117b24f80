import { MAX_MEMBERS } from '../../src/engine/membership';
import { checkNewSession, newSession } from '../../src/engine/new-session';
import { turnHolder } from '../../src/engine/queries';
import { ANNA, BEN, CARA, DAN, DAY, FACILITATOR, OUTSIDER, PRESENTER, settingsFor, Table } from './table';

describe('joining and leaving before the start', () => {
  it('a new session is open, at seq 1, and asks for its card', () => {
    const created = newSession(
      {
        id: 'S9',
        formatId: 'agile-intervision',
        channel: 'C9',
        title: 'Coaches circle',
        createdBy: ANNA,
        facilitator: FACILITATOR,
        presenter: PRESENTER,
        members: [ANNA, PRESENTER, ANNA, FACILITATOR, BEN],
        settings: settingsFor('async', { facilitatorIsMember: true, timeboxMinutes: { 'case-story': 8 } }),
      },
      1000,
    );
    // Nobody confirmed the agreement in the form: everyone is invited by direct message to read and confirm it.
    expect(created.effects).toEqual([
      { type: 'card' },
      ...[PRESENTER, FACILITATOR, ANNA, BEN].map((user) => ({ type: 'dm', user, message: 'invitation' })),
      { type: 'schedule', timer: { kind: 'idle', stage: 'idle', at: 1000 + 7 * DAY } },
      { type: 'schedule', timer: { kind: 'idle', stage: 'max-age', at: 1000 + 30 * DAY } },
    ]);
    const s = created.session;
    expect(s).toMatchObject({ status: 'open', seq: 1, phaseIndex: -1, current: null, nextInputNo: 1, createdAt: 1000, updatedAt: 1000 });
    // The presenter is never a member; the facilitator is one only when they take part.
    expect(s.members).toEqual([FACILITATOR, ANNA, BEN]);
    expect(s.settings.timeboxMinutes).toEqual({ 'check-in': 5, 'case-story': 8, observations: 12, resonance: 5, 'focused-questions': 8, 'closing-round': 5 });
  });

  it('the creation values are checked: two different people, a known format, a real time zone', () => {
    const base = {
      id: 'S9',
      formatId: 'progress-focused',
      channel: 'C9',
      title: 'x',
      createdBy: ANNA,
      facilitator: FACILITATOR,
      presenter: PRESENTER,
      members: [ANNA, BEN],
      settings: settingsFor('live'),
    };
    expect(checkNewSession(base)).toBeUndefined();
    // Each problem names the field it is about, its kind and its numbers or names: the shell says it in the form's language.
    expect(checkNewSession({ ...base, presenter: FACILITATOR })).toEqual({ field: 'people', code: 'same-person' });
    expect(checkNewSession({ ...base, formatId: 'fishbowl' })).toEqual({ field: 'format', code: 'unknown', params: { format: 'fishbowl' } });
    expect(checkNewSession({ ...base, settings: settingsFor('async', { timeZone: 'Mars/Olympus' }) })).toEqual({
      field: 'time-zone',
      code: 'unknown',
      params: { zone: 'Mars/Olympus' },
    });
    expect(checkNewSession({ ...base, settings: settingsFor('async', { roundWindowHours: 0 }) })).toEqual({
      field: 'round-window',
      code: 'out-of-range',
      params: { min: 1, max: 168 },
    });
    expect(checkNewSession({ ...base, settings: settingsFor('async', { reminderLeadHours: 169 }) })).toMatchObject({ field: 'reminder-lead', code: 'out-of-range' });
    expect(checkNewSession({ ...base, settings: settingsFor('live', { timeboxMinutes: { tips: 0 } }) })).toMatchObject({ field: 'timebox', code: 'out-of-range' });
    const crowd = Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => `UCROWD${i}`);
    expect(checkNewSession({ ...base, members: crowd })).toEqual({ field: 'members', code: 'too-many', params: { max: MAX_MEMBERS } });
    expect(checkNewSession({ ...base, members: crowd.slice(1) })).toBeUndefined();
    expect(() => newSession({ ...base, presenter: FACILITATOR }, 0)).toThrow('people is same-person');
  });

  it('joining adds a member who has confirmed the agreement; a second join is turned down', () => {
    const t = new Table({ members: [ANNA], agreed: [FACILITATOR] });
    t.ok(DAN, { kind: 'join' });
    expect(t.session.members).toEqual([ANNA, DAN]);
    expect(t.session.agreed).toEqual([FACILITATOR, DAN]);
    expect(t.effects).toEqual([{ type: 'card' }]);
    expect(t.no(DAN, { kind: 'join' })).toMatchObject({ key: 'alreadyIn' });
  });

  it('the presenter and facilitator join only to confirm the agreement', () => {
    const t = new Table({ agreed: [] });
    t.ok(PRESENTER, { kind: 'join' });
    t.ok(FACILITATOR, { kind: 'join' });
    expect(t.session.members).toEqual([ANNA, BEN, CARA]);
    expect(t.session.agreed).toEqual([PRESENTER, FACILITATOR]);
  });

  it('a member may leave before the start; the presenter and the facilitator cannot', () => {
    const t = new Table();
    t.ok(BEN, { kind: 'leave' });
    expect(t.session.members).toEqual([ANNA, CARA]);
    expect(t.no(PRESENTER, { kind: 'leave' })).toMatchObject({ key: 'presenterCannotLeave', params: { presenter: { role: 'presenter' }, facilitator: { role: 'facilitator', user: FACILITATOR } } });
    expect(t.no(FACILITATOR, { kind: 'leave' })).toMatchObject({ key: 'facilitatorCloses' });
    expect(t.no(OUTSIDER, { kind: 'leave' }).code).toBe('not-participant');
  });

  it('the session starts with at least two members, and only by the facilitator', () => {
    const t = new Table({ members: [ANNA] });
    expect(t.no(ANNA, { kind: 'start' })).toMatchObject({ key: 'onlyFacilitator.start' });
    expect(t.no(FACILITATOR, { kind: 'start' })).toMatchObject({ key: 'tooFewReady', params: { count: 2, ready: 1 } });
    t.ok(BEN, { kind: 'join' });
    t.start();
    expect(t.session.status).toBe('running');
    expect(t.no(FACILITATOR, { kind: 'start' }).code).toBe('already-started');
  });

  it('a session is full at the member limit', () => {
    const many = Array.from({ length: MAX_MEMBERS }, (_, i) => `UM${i}`);
    const t = new Table({ members: many });
    expect(t.no(OUTSIDER, { kind: 'join' })).toMatchObject({ key: 'full' });
  });

  it('before the start, phase commands are turned down as not started', () => {
    const t = new Table();
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'appreciation', round: 1 }).code).toBe('not-started');
    expect(t.no(FACILITATOR, { kind: 'next-phase', phaseId: 'presentation' }).code).toBe('not-started');
  });
});

describe('joining, leaving and removal while the session runs', () => {
  function inTips(): Table {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('tips');
    return t;
  }

  it('nobody joins once the session has started: the circle is closed', () => {
    const t = inTips();
    const refused = t.no(DAN, { kind: 'join' });
    expect(refused.code).toBe('already-started');
    expect(refused).toMatchObject({ key: 'startedNoJoin' });
    expect(t.no(DAN, { kind: 'input', phaseId: 'tips', round: 1, text: 'A tip' }).code).toBe('not-participant');
  });

  it('removing the turn holder moves the turn on; their inputs stay', () => {
    const t = inTips();
    t.input(ANNA, 'Talk to the team lead.');
    expect(turnHolder(t.session)).toBe(BEN);
    expect(t.no(ANNA, { kind: 'remove', member: BEN }).code).toBe('not-allowed');
    t.ok(FACILITATOR, { kind: 'remove', member: BEN });
    expect(t.effects).toEqual(expect.arrayContaining([{ type: 'notice', notice: 'member-removed', user: BEN, phaseId: 'tips' }]));
    expect(turnHolder(t.session)).toBe(CARA);
    t.ok(FACILITATOR, { kind: 'remove', member: ANNA });
    expect(t.inputIds('tips')).toHaveLength(1);
    t.pass(CARA);
    // The next round has only Cara; her pass ends the tips.
    expect(t.session.current?.round?.order).toEqual([CARA]);
    t.pass(CARA);
    expect(t.phaseId).toBe('usefulness');
  });

  it('removing the last member who had not had their turn ends the round', () => {
    const t = inTips();
    t.input(ANNA, 'One');
    t.input(BEN, 'Two');
    t.ok(FACILITATOR, { kind: 'remove', member: CARA });
    expect(t.roundNo).toBe(2);
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN]);
  });

  it('a member leaving mid-session is treated like a removal', () => {
    const t = inTips();
    t.ok(ANNA, { kind: 'leave' });
    expect(t.effects).toEqual(expect.arrayContaining([{ type: 'notice', notice: 'member-left', user: ANNA, phaseId: 'tips' }]));
    expect(turnHolder(t.session)).toBe(BEN);
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'tips', round: 1 }).code).toBe('not-participant');
  });

  it('nobody can remove the presenter or the facilitator', () => {
    const t = inTips();
    expect(t.no(FACILITATOR, { kind: 'remove', member: PRESENTER })).toMatchObject({ key: 'notMemberOf' });
    expect(t.no(FACILITATOR, { kind: 'remove', member: FACILITATOR })).toMatchObject({ key: 'cannotRemoveSelf' });
  });

  it('evaluation does not wait for a member who was removed', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    for (let i = 0; i < 4; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('evaluation');
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(ANNA, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(BEN, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(FACILITATOR, { kind: 'remove', member: CARA });
    expect(t.session.status).toBe('ended');
  });
});
