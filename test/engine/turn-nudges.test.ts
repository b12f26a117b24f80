import { turnHolder } from '../../src/engine/queries';
import type { Effect } from '../../src/engine/session';
import { ANNA, BEN, CARA, FACILITATOR, HOUR, OUTSIDER, PRESENTER, Table } from './table';

/**
 * "It's your turn": in a live session (written or on a call) the person whose
 * turn begins is told, once, at that moment. Not for passes in a row: someone
 * who passed on their previous turn in the phase is not nudged when it comes
 * back to them, so a closing round of passes goes by quietly; nor is the
 * person who just acted.
 */

/** Who the last accepted command nudged, as "user@phase/round". */
function nudged(t: Table): string[] {
  return t.effects
    .filter((e): e is Extract<Effect, { type: 'dm' }> => e.type === 'dm' && e.message === 'your-turn')
    .map((e) => `${e.user}@${e.phaseId}/${e.round}`);
}

/** A live session that has just entered its factual questions (Anna's turn, round 1). */
function inQuestions(options: ConstructorParameters<typeof Table>[0] = {}): Table {
  const t = new Table({ mode: 'live', ...options });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  return t;
}

describe('a live turn that begins is announced to its holder', () => {
  it('the first holder when the rounds begin, then each next holder as the turn moves', () => {
    const t = inQuestions();
    expect(nudged(t)).toEqual([`${ANNA}@factual-questions/1`]);
    t.input(ANNA, 'Why?');
    expect(nudged(t)).toEqual([`${BEN}@factual-questions/1`]);
    t.input(BEN, 'Who?');
    expect(nudged(t)).toEqual([`${CARA}@factual-questions/1`]);
    // An answer does not move the turn: nobody is told anything.
    t.ok(PRESENTER, { kind: 'answer', inputId: 'i1', text: 'Because.' });
    expect(nudged(t)).toEqual([]);
    t.input(CARA, 'When?');
    expect(nudged(t)).toEqual([`${ANNA}@factual-questions/2`]);
  });

  it('when the holder is skipped or removed, the next one is told', () => {
    const t = inQuestions();
    t.ok(FACILITATOR, { kind: 'skip', phaseId: 'factual-questions', round: 1, member: ANNA });
    expect(nudged(t)).toEqual([`${BEN}@factual-questions/1`]);
    t.ok(FACILITATOR, { kind: 'remove', member: BEN });
    expect(nudged(t)).toEqual([`${CARA}@factual-questions/1`]);
  });

  it('the facilitator moving on to a rounds phase tells its first holder', () => {
    const t = inQuestions();
    t.nextPhase();
    expect(t.phaseId).toBe('appreciation');
    expect(nudged(t)).toEqual([`${ANNA}@appreciation/1`]);
  });

  it('on a call exactly as in writing', () => {
    const t = inQuestions({ settings: { onCall: true } });
    expect(nudged(t)).toEqual([`${ANNA}@factual-questions/1`]);
    t.ok(ANNA, { kind: 'input', phaseId: 'factual-questions', round: 1 });
    expect(nudged(t)).toEqual([`${BEN}@factual-questions/1`]);
  });

  it('never in an asynchronous session: its rounds run in parallel, with reminders instead', () => {
    const t = new Table({ mode: 'async' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.input(ANNA, 'Why?');
    expect(nudged(t)).toEqual([]);
  });

  it('a pause holds the turn; the resume begins it again, so its holder is told again', () => {
    const t = inQuestions();
    t.ok(FACILITATOR, { kind: 'pause' });
    expect(nudged(t)).toEqual([]);
    t.wait(HOUR);
    t.ok(FACILITATOR, { kind: 'resume' });
    expect(nudged(t)).toEqual([`${ANNA}@factual-questions/1`]);
  });
});

describe('no nudge for passes in a row', () => {
  it('whoever passed last time is not told when the turn comes back; whoever gave an input is, once', () => {
    const t = inQuestions();
    // Round 1: Anna asks, Ben passes, Cara asks.
    t.input(ANNA, 'Why?');
    t.pass(BEN);
    t.input(CARA, 'When?');
    expect(nudged(t)).toEqual([`${ANNA}@factual-questions/2`]);
    // Round 2: Anna passes; Ben passed last time, so his turn starts quietly; then Cara is told.
    t.pass(ANNA);
    expect(turnHolder(t.session)).toBe(BEN);
    expect(nudged(t)).toEqual([]);
    t.input(BEN, 'How?');
    expect(nudged(t)).toEqual([`${CARA}@factual-questions/2`]);
    // Round 3, a round of passes: Anna (passed in round 2) quietly, then Ben (asked in round 2) told, then Cara quietly.
    t.pass(CARA);
    expect(t.roundNo).toBe(3);
    expect(nudged(t)).toEqual([]);
    t.pass(ANNA);
    expect(nudged(t)).toEqual([`${BEN}@factual-questions/3`]);
    t.pass(BEN);
    expect(nudged(t)).toEqual([]);
  });

  it('the person who just acted is not told that the turn is theirs again', () => {
    const t = new Table({ mode: 'live', members: [ANNA, BEN] });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.ok(FACILITATOR, { kind: 'remove', member: BEN });
    t.input(ANNA, 'Why?');
    expect(turnHolder(t.session)).toBe(ANNA);
    expect(t.roundNo).toBe(2);
    expect(nudged(t)).toEqual([]);
  });
});

describe('how a person hears of their turn', () => {
  it('a participant chooses a direct message, or back to the thread; choosing what is already so is refused kindly', () => {
    const t = inQuestions();
    t.ok(BEN, { kind: 'nudges', via: 'dm' });
    expect(t.session.nudgeByDm).toEqual([BEN]);
    expect(t.no(BEN, { kind: 'nudges', via: 'dm' })).toMatchObject({ code: 'invalid', key: 'alreadyByDm' });
    t.ok(CARA, { kind: 'nudges', via: 'dm' });
    t.ok(BEN, { kind: 'nudges', via: 'thread' });
    expect(t.session.nudgeByDm).toEqual([CARA]);
    expect(t.no(ANNA, { kind: 'nudges', via: 'thread' })).toMatchObject({ key: 'alreadyInThread' });
  });

  it('only participants who agreed choose; before the start and while paused they may', () => {
    const before = new Table({ mode: 'live', agreed: [FACILITATOR, PRESENTER, ANNA, BEN] });
    before.ok(ANNA, { kind: 'nudges', via: 'dm' });
    expect(before.no(CARA, { kind: 'nudges', via: 'dm' }).code).toBe('not-agreed');
    expect(before.no(OUTSIDER, { kind: 'nudges', via: 'dm' }).code).toBe('not-participant');
    const t = inQuestions();
    t.ok(FACILITATOR, { kind: 'pause' });
    t.ok(BEN, { kind: 'nudges', via: 'dm' });
  });
});
