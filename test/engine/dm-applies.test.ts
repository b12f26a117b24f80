import { applicableDm, sentDmNow, type DmEffect } from '../../src/engine/dm-applies';
import { formatOf, phaseById } from '../../src/engine/queries';
import { SYSTEM } from '../../src/engine/session';
import { ANNA, BEN, CARA, DAN, FACILITATOR, HOUR, PRESENTER, Table } from './table';

/**
 * A direct message is sent after the commit, sometimes much later (a replay
 * after a crash): whether it still applies is judged against the session as
 * it is when the message goes out.
 */

function dm(user: string, message: DmEffect['message'], more: Partial<DmEffect> = {}): DmEffect {
  return { type: 'dm', user, message, ...more };
}

/** An asynchronous session in round 1 of its factual questions. */
function inAsyncRound(): Table {
  const t = new Table({ mode: 'async' });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  return t;
}

describe('a round reminder', () => {
  it('goes to someone still pending in that round, with the round and its deadline', () => {
    const t = inAsyncRound();
    const format = formatOf(t.session);
    const deadline = t.session.current?.round?.deadline;
    expect(deadline).toBe(t.now + 24 * HOUR);
    expect(applicableDm(t.session, format, dm(ANNA, 'round-reminder', { phaseId: 'factual-questions', round: 1 }), t.now)).toEqual({
      message: 'round-reminder',
      phase: phaseById(format, 'factual-questions'),
      round: 1,
      deadline,
    });
  });

  it('no longer applies to someone who has answered since, nor for another round or phase', () => {
    const t = inAsyncRound();
    const format = formatOf(t.session);
    t.input(ANNA, 'What did you try first?');
    t.pass(BEN);
    const reminder = (user: string, phaseId: string, round: number) => applicableDm(t.session, format, dm(user, 'round-reminder', { phaseId, round }), t.now);
    expect(reminder(ANNA, 'factual-questions', 1)).toBeUndefined();
    expect(reminder(BEN, 'factual-questions', 1)).toBeUndefined();
    expect(reminder(CARA, 'factual-questions', 1)).toBeDefined();
    expect(reminder(CARA, 'factual-questions', 2)).toBeUndefined();
    expect(reminder(CARA, 'presentation', 1)).toBeUndefined();
    // Someone outside the round (never in its order) is not nudged.
    expect(reminder(DAN, 'factual-questions', 1)).toBeUndefined();
  });

  it('no longer applies once its round has closed', () => {
    const t = inAsyncRound();
    const format = formatOf(t.session);
    t.input(ANNA, 'What did you try first?');
    t.wait(24 * HOUR);
    t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: t.now });
    expect(t.session.current?.round?.number).toBe(2);
    expect(applicableDm(t.session, format, dm(CARA, 'round-reminder', { phaseId: 'factual-questions', round: 1 }), t.now)).toBeUndefined();
    expect(applicableDm(t.session, format, dm(CARA, 'round-reminder', { phaseId: 'factual-questions', round: 2 }), t.now)).toMatchObject({ round: 2 });
  });
});

describe("a 'your turn' message", () => {
  it('applies while its round is open and the turn is still theirs, as a note in the thread unless they chose a direct message', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    const format = formatOf(t.session);
    const turn = (user: string, more: Partial<DmEffect> = { phaseId: 'factual-questions', round: 1 }) => applicableDm(t.session, format, dm(user, 'your-turn', more), t.now);
    expect(turn(ANNA)).toEqual({ message: 'your-turn', phase: phaseById(format, 'factual-questions'), round: 1, via: 'thread' });
    expect(turn(ANNA, { phaseId: 'factual-questions' })).toBeUndefined();
    expect(turn(ANNA, { phaseId: 'presentation', round: 1 })).toBeUndefined();
    // Ben's turn has not come yet; once Anna passed, hers is over and his has begun.
    expect(turn(BEN)).toBeUndefined();
    t.ok(BEN, { kind: 'nudges', via: 'dm' });
    t.pass(ANNA);
    expect(turn(ANNA)).toBeUndefined();
    expect(turn(BEN)).toMatchObject({ message: 'your-turn', round: 1, via: 'dm' });
  });
});

describe('a round reminder or a turn message sent earlier, as it should read now', () => {
  const sent = (user: string, message: 'round-reminder' | 'your-turn', round = 1) => dm(user, message, { phaseId: 'factual-questions', round });

  it('a reminder: open while the person is pending (with the deadline as it is now), taken once they answered, over once the round closed', () => {
    const t = inAsyncRound();
    const format = formatOf(t.session);
    const phase = phaseById(format, 'factual-questions');
    const deadline = t.session.current?.round?.deadline ?? 0;
    expect(sentDmNow(t.session, format, sent(ANNA, 'round-reminder'))).toEqual({ state: 'open', dm: { message: 'round-reminder', phase, round: 1, deadline } });
    t.ok(FACILITATOR, { kind: 'extend', phaseId: 'factual-questions', minutes: 60 });
    expect(sentDmNow(t.session, format, sent(ANNA, 'round-reminder'))).toMatchObject({ state: 'open', dm: { deadline: deadline + HOUR } });
    t.input(ANNA, 'What did you try first?');
    expect(sentDmNow(t.session, format, sent(ANNA, 'round-reminder'))).toEqual({ state: 'taken', phase, round: 1, deadline: deadline + HOUR });
    t.wait(25 * HOUR);
    t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: t.now });
    expect(sentDmNow(t.session, format, sent(ANNA, 'round-reminder'))).toEqual({ state: 'over', phase, round: 1 });
    expect(sentDmNow(t.session, format, sent(BEN, 'round-reminder'))).toEqual({ state: 'over', phase, round: 1 });
    expect(sentDmNow(t.session, format, dm(ANNA, 'invitation'))).toBeUndefined();
  });

  it('a turn message: open while the turn is theirs, over once it moved on', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    const format = formatOf(t.session);
    const phase = phaseById(format, 'factual-questions');
    expect(sentDmNow(t.session, format, sent(ANNA, 'your-turn'))).toEqual({ state: 'open', dm: { message: 'your-turn', phase, round: 1, via: 'dm' } });
    t.pass(ANNA);
    expect(sentDmNow(t.session, format, sent(ANNA, 'your-turn'))).toEqual({ state: 'over', phase, round: 1 });
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(sentDmNow(t.session, format, sent(BEN, 'your-turn'))).toEqual({ state: 'over', phase, round: 1 });
  });
});

describe("the presenter's reminder", () => {
  it("names the step's deadline while it lies ahead, and leaves a deadline in the past out", () => {
    const t = new Table({ mode: 'async' });
    t.start();
    const format = formatOf(t.session);
    const deadline = t.session.current?.deadline ?? 0;
    const effect = dm(PRESENTER, 'presenter-reminder', { phaseId: 'presentation' });
    const phase = phaseById(format, 'presentation');
    expect(applicableDm(t.session, format, effect, deadline - 1)).toEqual({ message: 'presenter-reminder', phase, deadline });
    expect(applicableDm(t.session, format, effect, deadline)).toEqual({ message: 'presenter-reminder', phase });
    expect(applicableDm(t.session, format, dm(PRESENTER, 'presenter-reminder', { phaseId: 'no-such-phase' }), t.now)).toBeUndefined();
  });
});

describe('an invitation', () => {
  it('applies while the session is open and the person, still in it, has not agreed', () => {
    const t = new Table({ agreed: [FACILITATOR] });
    const format = formatOf(t.session);
    const invitation = (user: string) => applicableDm(t.session, format, dm(user, 'invitation'), t.now);
    expect(invitation(ANNA)).toEqual({ message: 'invitation' });
    t.ok(ANNA, { kind: 'agree' });
    expect(invitation(ANNA)).toBeUndefined();
    t.ok(BEN, { kind: 'leave' });
    expect(invitation(BEN)).toBeUndefined();
    expect(invitation(CARA)).toEqual({ message: 'invitation' });
  });

  it('no longer applies once the session has started', () => {
    const t = new Table();
    const format = formatOf(t.session);
    const before = t.session;
    t.start();
    const unagreed = { ...before, agreed: [] };
    expect(applicableDm(unagreed, format, dm(ANNA, 'invitation'), t.now)).toEqual({ message: 'invitation' });
    expect(applicableDm({ ...t.session, agreed: [] }, format, dm(ANNA, 'invitation'), t.now)).toBeUndefined();
  });
});

describe('the others', () => {
  it("'taken off' applies only to someone no longer in the session", () => {
    const t = new Table();
    const format = formatOf(t.session);
    expect(applicableDm(t.session, format, dm(ANNA, 'taken-off'), t.now)).toBeUndefined();
    t.ok(FACILITATOR, { kind: 'remove', member: ANNA });
    expect(applicableDm(t.session, format, dm(ANNA, 'taken-off'), t.now)).toEqual({ message: 'taken-off' });
  });

  it("'closed for you' always applies, and says why the session was closed", () => {
    const t = new Table();
    const format = formatOf(t.session);
    expect(applicableDm(t.session, format, dm(FACILITATOR, 'idle-closed'), t.now)).toEqual({ message: 'idle-closed', reason: 'idle' });
    t.ok(SYSTEM, { kind: 'close', reason: 'max-age' });
    expect(applicableDm(t.session, format, dm(FACILITATOR, 'idle-closed'), t.now)).toEqual({ message: 'idle-closed', reason: 'max-age' });
  });
});
