import { turnHolder } from '../../src/engine/queries';
import { ANNA, BEN, CARA, FACILITATOR, OUTSIDER, PRESENTER, Table } from './table';

/** A live session in the appreciation phase (round 1, Anna's turn). */
function inAppreciation(options: ConstructorParameters<typeof Table>[0] = {}): Table {
  const t = new Table({ format: 'progress-focused', mode: 'live', ...options });
  t.start();
  t.nextPhase();
  t.nextPhase();
  expect(t.phaseId).toBe('appreciation');
  return t;
}

describe('live rounds: one member at a time, in a fixed order', () => {
  it('the turn goes round in order, and only the turn holder may speak', () => {
    const t = inAppreciation();
    expect(turnHolder(t.session)).toBe(ANNA);
    const early = t.no(BEN, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Me first!' });
    expect(early.code).toBe('not-your-turn');
    expect(early).toMatchObject({ key: 'othersTurn' });
    t.input(ANNA, 'You stayed calm.');
    expect(turnHolder(t.session)).toBe(BEN);
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'appreciation', round: 1 })).toMatchObject({ key: 'hadTurn' });
    t.pass(BEN);
    expect(turnHolder(t.session)).toBe(CARA);
  });

  it('passing in one round does not exclude a member from the next', () => {
    const t = inAppreciation();
    t.pass(ANNA);
    t.input(BEN, 'You asked the right people.');
    t.pass(CARA);
    expect(t.roundNo).toBe(2);
    expect(turnHolder(t.session)).toBe(ANNA);
    t.input(ANNA, 'Now I know: your honesty.');
    expect(t.session.inputs.at(-1)?.author).toBe(ANNA);
  });

  it('an input or pass for a round that has closed is turned down as moved on', () => {
    const t = inAppreciation();
    t.input(ANNA, 'One');
    t.input(BEN, 'Two');
    t.pass(CARA);
    const late = t.no(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Late thought' });
    expect(late.code).toBe('stale');
    expect(late).toMatchObject({ key: 'movedOn' });
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'factual-questions', round: 2 }).code).toBe('stale');
  });

  it('inputs are trimmed, must not be empty, and must fit the phase', () => {
    const t = inAppreciation();
    const empty = t.no(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: '   ' });
    expect(empty).toMatchObject({ key: 'empty' });
    const long = t.no(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'a'.repeat(501) });
    expect(long).toMatchObject({ key: 'tooLong' });
    t.ok(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: '  Brave.  ' });
    expect(t.session.inputs[0]).toEqual({ id: 'i1', phaseId: 'appreciation', round: 1, author: ANNA, text: 'Brave.', at: t.now });
    t.input(BEN, 'Clear.');
    expect(t.session.inputs.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(t.session.nextInputNo).toBe(3);
  });

  it('the facilitator skips the turn holder, and the turn moves on', () => {
    const t = inAppreciation();
    const byMember = t.no(BEN, { kind: 'skip', phaseId: 'appreciation', round: 1, member: ANNA });
    expect(byMember).toMatchObject({ key: 'onlyFacilitator.skip' });
    t.ok(FACILITATOR, { kind: 'skip', phaseId: 'appreciation', round: 1, member: ANNA });
    expect(t.session.current?.round?.marks[ANNA]).toBe('skipped');
    expect(turnHolder(t.session)).toBe(BEN);
    const notHolder = t.no(FACILITATOR, { kind: 'skip', phaseId: 'appreciation', round: 1, member: CARA });
    expect(notHolder).toMatchObject({ key: 'noLongerTurn' });
  });

  it('a round of skips and passes counts as a round without input: the phase ends', () => {
    const t = inAppreciation();
    t.ok(FACILITATOR, { kind: 'skip', phaseId: 'appreciation', round: 1, member: ANNA });
    t.allPass(BEN, CARA);
    expect(t.phaseId).toBe('tips');
  });

  it('a withdrawn input counts as a pass when the round ends', () => {
    const t = inAppreciation();
    t.input(ANNA, 'Second thoughts coming.');
    const [id] = t.inputIds('appreciation');
    t.ok(ANNA, { kind: 'withdraw', inputId: id ?? '' });
    expect(t.session.inputs).toHaveLength(0);
    expect(t.session.current?.round?.marks[ANNA]).toBe('pass');
    t.allPass(BEN, CARA);
    expect(t.phaseId).toBe('tips');
  });

  it('the author may edit or withdraw their input only while its round is open', () => {
    const t = inAppreciation();
    t.input(ANNA, 'Brave');
    const [id] = t.inputIds('appreciation');
    expect(t.no(BEN, { kind: 'edit', inputId: id ?? '', text: 'Hijacked' }).code).toBe('not-allowed');
    expect(t.no(BEN, { kind: 'withdraw', inputId: id ?? '' }).code).toBe('not-allowed');
    t.wait(1000);
    t.ok(ANNA, { kind: 'edit', inputId: id ?? '', text: 'Brave and clear' });
    expect(t.session.inputs[0]).toMatchObject({ text: 'Brave and clear', editedAt: t.now });
    expect(t.no(ANNA, { kind: 'edit', inputId: id ?? '', text: ' ' }).code).toBe('invalid');
    t.allPass(BEN, CARA);
    const closed = t.no(ANNA, { kind: 'edit', inputId: id ?? '', text: 'Too late' });
    expect(closed.code).toBe('stale');
    expect(closed).toMatchObject({ key: 'roundClosed' });
    expect(t.no(ANNA, { kind: 'withdraw', inputId: id ?? '' }).code).toBe('stale');
    expect(t.no(ANNA, { kind: 'withdraw', inputId: 'i404' })).toMatchObject({ key: 'inputGone' });
  });

  it('the facilitator closes a round early: who had no turn is skipped, and a round with inputs leads to another', () => {
    const t = inAppreciation();
    t.input(ANNA, 'Kind');
    t.ok(FACILITATOR, { kind: 'close-round', phaseId: 'appreciation', round: 1 });
    expect(t.roundNo).toBe(2);
    expect(turnHolder(t.session)).toBe(ANNA);
    t.ok(FACILITATOR, { kind: 'close-round', phaseId: 'appreciation', round: 2 });
    expect(t.phaseId).toBe('tips');
  });

  it('the facilitator moves on at any time; the inputs given so far stay', () => {
    const t = inAppreciation();
    t.input(ANNA, 'Kind');
    expect(t.no(ANNA, { kind: 'next-phase', phaseId: 'appreciation' })).toMatchObject({ key: 'onlyFacilitator.nextPhase', params: { facilitator: { role: 'facilitator', user: FACILITATOR } } });
    t.nextPhase();
    expect(t.phaseId).toBe('tips');
    expect(t.inputIds('appreciation')).toHaveLength(1);
  });

  it('a facilitator who is also a member takes turns like everyone else', () => {
    const t = inAppreciation({ facilitatorIsMember: true });
    expect(t.session.current?.round?.order).toEqual([FACILITATOR, ANNA, BEN, CARA]);
    t.input(FACILITATOR, 'Your patience.');
    expect(turnHolder(t.session)).toBe(ANNA);
  });

  it('someone outside the session cannot take part', () => {
    const t = inAppreciation();
    const outsider = t.no(OUTSIDER, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Hi' });
    expect(outsider.code).toBe('not-participant');
    expect(outsider).toMatchObject({ key: 'participantsOnly', params: { facilitator: { role: 'facilitator', user: FACILITATOR } } });
  });

  it('the presenter never gives compliments or tips on their own case', () => {
    const t = inAppreciation();
    expect(t.no(PRESENTER, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Me!' })).toMatchObject({ key: 'presenterListens', params: { inputs: { input: 'appreciation' } } });
  });
});

describe('the round log: who had no input in a closed round', () => {
  it('after round 1 closes, the session still knows who passed in it', () => {
    const t = inAppreciation();
    t.pass(ANNA);
    t.input(BEN, 'You asked the right people.');
    t.pass(CARA);
    expect(t.roundNo).toBe(2);
    expect(t.session.roundLog?.appreciation).toEqual([{ number: 1, pass: [ANNA, CARA] }]);
  });
});
