/**
 * The circle of trust, as rules: nobody acts before confirming the
 * confidentiality agreement, whoever has not agreed at the start is named
 * and taken off, nobody joins once the session has started, and a private
 * room's membership follows the session's.
 */
import { newSession } from '../../src/engine/new-session';
import { turnHolder } from '../../src/engine/queries';
import type { CommandBody } from '../../src/engine/session';
import { ANNA, BEN, CARA, DAN, DAY, FACILITATOR, OUTSIDER, PRESENTER, settingsFor, Table } from './table';


describe('consent before content', () => {
  it('a member who has not agreed is refused every action that reads or changes the content, with the agreement offered', () => {
    const t = new Table({ agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    const actions: CommandBody[] = [
      { kind: 'input', phaseId: 'factual-questions', round: 1, text: 'Why?' },
      { kind: 'pass', phaseId: 'factual-questions', round: 1 },
      { kind: 'edit', inputId: 'i1', text: 'x' },
      { kind: 'withdraw', inputId: 'i1' },
      { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' },
    ];
    for (const body of actions) {
      const refused = t.no(CARA, body);
      expect(refused).toEqual({ ok: false, code: 'not-agreed', key: 'agreeFirst' });
    }
  });

  it('the presenter and the facilitator confirm it too before they act', () => {
    const t = new Table({ agreed: [ANNA, BEN, CARA] });
    expect(t.no(FACILITATOR, { kind: 'start' }).code).toBe('not-agreed');
    expect(t.no(PRESENTER, { kind: 'presenter-copy', on: false }).code).toBe('not-agreed');
    expect(t.no(FACILITATOR, { kind: 'set-members', members: [ANNA] }).code).toBe('not-agreed');
    // Closing only deletes, so a facilitator may close without having agreed.
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
  });

  it('a session stored before consent came first: the people who never agreed are refused until they do, and then may act', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.session = { ...t.session, agreed: t.session.agreed.filter((user) => user !== ANNA) };
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'factual-questions', round: 1 }).code).toBe('not-agreed');
    t.ok(ANNA, { kind: 'join' });
    t.pass(ANNA);
  });
});

describe('the start: named, confirmed, taken off', () => {
  it('starting with invited people who have not agreed asks the facilitator to confirm, naming them, and changes nothing', () => {
    const t = new Table({ agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    const refused = t.no(FACILITATOR, { kind: 'start' });
    expect(refused).toEqual({
      ok: false,
      code: 'needs-confirmation',
      key: 'startWithout',
      params: { people: { users: [CARA] }, count: 1 },
      people: [CARA],
    });
  });

  it('two missing people are named together', () => {
    const t = new Table({ members: [ANNA, BEN, CARA, DAN], agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    const refused = t.no(FACILITATOR, { kind: 'start' });
    expect(refused).toMatchObject({ key: 'startWithout' });
    expect(refused.people).toEqual([CARA, DAN]);
  });

  it('confirming takes them off: they get a direct message without content and never hold a turn', () => {
    const t = new Table({ members: [ANNA, BEN, CARA, DAN], agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    t.ok(FACILITATOR, { kind: 'start', without: [CARA, DAN] });
    expect(t.session.status).toBe('running');
    expect(t.session.members).toEqual([ANNA, BEN]);
    expect(t.effects).toEqual(
      expect.arrayContaining([
        { type: 'dm', user: CARA, message: 'taken-off' },
        { type: 'dm', user: DAN, message: 'taken-off' },
      ]),
    );
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN]);
    expect(t.no(CARA, { kind: 'pass', phaseId: 'factual-questions', round: 1 }).code).toBe('not-participant');
  });

  it('a confirmation that misses someone is asked again', () => {
    const t = new Table({ members: [ANNA, BEN, CARA, DAN], agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    expect(t.no(FACILITATOR, { kind: 'start', without: [CARA] }).people).toEqual([CARA, DAN]);
  });

  it('someone who agreed after the confirmation was drawn stays in', () => {
    const t = new Table({ agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    t.ok(CARA, { kind: 'agree' });
    t.ok(FACILITATOR, { kind: 'start', without: [CARA] });
    expect(t.session.members).toEqual([ANNA, BEN, CARA]);
  });

  it('the session cannot start while the presenter has not agreed', () => {
    const t = new Table({ agreed: [FACILITATOR, ANNA, BEN, CARA] });
    const refused = t.no(FACILITATOR, { kind: 'start', without: [PRESENTER] });
    expect(refused).toMatchObject({ key: 'presenterNotAgreed' });
  });

  it('too few members who agreed: refused with the number needed', () => {
    const t = new Table({ agreed: [FACILITATOR, PRESENTER, ANNA] });
    const refused = t.no(FACILITATOR, { kind: 'start', without: [BEN, CARA] });
    expect(refused).toMatchObject({ key: 'tooFewReady', params: { count: 2, ready: 1, member: { role: 'member' } } });
  });

  it("the agreement step of a session started before consent came first is not skipped silently: Next phase names them", () => {
    const t = new Table({ format: 'agile-intervision' });
    t.inAgreementBeforeConsent([CARA]);
    const refused = t.no(FACILITATOR, { kind: 'next-phase', phaseId: 'check-in' });
    expect(refused.code).toBe('needs-confirmation');
    expect(refused).toMatchObject({ key: 'goOnWithout' });
    t.ok(FACILITATOR, { kind: 'next-phase', phaseId: 'check-in', without: [CARA] });
    expect(t.session.members).toEqual([ANNA, BEN]);
    expect(t.phaseId).toBe('case-story');
  });
});

describe('a closed circle', () => {
  it('before the start the facilitator sets the members: newcomers are invited by direct message, the others taken off', () => {
    const t = new Table({ agreed: [FACILITATOR, PRESENTER, ANNA] });
    t.ok(FACILITATOR, { kind: 'set-members', members: [ANNA, CARA, DAN, PRESENTER] });
    expect(t.session.members).toEqual([ANNA, CARA, DAN]);
    expect(t.effects).toEqual(
      expect.arrayContaining([
        { type: 'dm', user: BEN, message: 'taken-off' },
        { type: 'dm', user: DAN, message: 'invitation' },
        { type: 'card' },
      ]),
    );
    expect(t.effects).not.toContainEqual({ type: 'dm', user: CARA, message: 'invitation' });
    expect(t.no(FACILITATOR, { kind: 'set-members', members: [ANNA, CARA, DAN] })).toMatchObject({ key: 'sameMembers' });
    expect(t.no(ANNA, { kind: 'set-members', members: [ANNA] }).code).toBe('not-allowed');
  });

  it('once started, the members are fixed and an outsider is refused everything', () => {
    const t = new Table();
    t.start();
    expect(t.no(FACILITATOR, { kind: 'set-members', members: [ANNA, DAN] }).code).toBe('already-started');
    expect(t.no(OUTSIDER, { kind: 'join' }).code).toBe('already-started');
    expect(t.no(OUTSIDER, { kind: 'agree' }).code).toBe('not-participant');
    expect(t.no(OUTSIDER, { kind: 'statement', phaseId: 'presentation' }).code).toBe('not-allowed');
  });

  it('leaving is possible at any time, and the leaver is out of the turn order at once', () => {
    const t = new Table();
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(turnHolder(t.session)).toBe(ANNA);
    t.ok(ANNA, { kind: 'leave' });
    expect(turnHolder(t.session)).toBe(BEN);
    expect(t.session.agreed).not.toContain(ANNA);
  });
});

describe('a private room follows the circle', () => {
  function roomTable(): Table {
    const t = new Table({ agreed: [FACILITATOR] });
    t.session = { ...t.session, room: { origin: 'C0' } };
    return t;
  }

  it('at creation, whoever agreed in the form is let in and the others are invited by direct message', () => {
    const created = newSession(
      {
        id: 'S1',
        formatId: 'progress-focused',
        channel: 'G1',
        title: 'Room',
        createdBy: FACILITATOR,
        facilitator: FACILITATOR,
        presenter: PRESENTER,
        members: [ANNA, BEN],
        settings: settingsFor('live'),
        agreed: [FACILITATOR, OUTSIDER],
        room: { origin: 'C0' },
      },
      0,
    );
    expect(created.session.room).toEqual({ origin: 'C0' });
    expect(created.session.agreed).toEqual([FACILITATOR]);
    expect(created.effects).toEqual([
      { type: 'card' },
      { type: 'pointer' },
      { type: 'dm', user: PRESENTER, message: 'invitation' },
      { type: 'room', action: 'invite', user: FACILITATOR },
      { type: 'dm', user: ANNA, message: 'invitation' },
      { type: 'dm', user: BEN, message: 'invitation' },
      { type: 'schedule', timer: { kind: 'idle', stage: 'idle', at: 7 * DAY } },
      { type: 'schedule', timer: { kind: 'idle', stage: 'max-age', at: 30 * DAY } },
    ]);
  });

  it('agreeing lets a person in; leaving takes them out; someone who never agreed was never in', () => {
    const t = roomTable();
    t.ok(PRESENTER, { kind: 'agree' });
    expect(t.effects).toContainEqual({ type: 'room', action: 'invite', user: PRESENTER });
    t.ok(ANNA, { kind: 'join' });
    t.ok(BEN, { kind: 'join' });
    expect(t.effects).toContainEqual({ type: 'room', action: 'invite', user: BEN });
    t.ok(DAN, { kind: 'join' });
    t.ok(DAN, { kind: 'leave' });
    expect(t.effects).toContainEqual({ type: 'room', action: 'kick', user: DAN });
    t.ok(FACILITATOR, { kind: 'start', without: [CARA] });
    expect(t.effects.filter((effect) => effect.type === 'room')).toEqual([]);
    // The pointer where the session was created changes once: it stops offering Join.
    expect(t.effects).toContainEqual({ type: 'pointer' });
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(t.effects).not.toContainEqual({ type: 'pointer' });
  });
});
