import type { Effect, Timer } from '../../src/engine/session';
import { ANNA, BEN, CARA, FACILITATOR, HOUR, PRESENTER, Table } from './table';

/** An asynchronous progress-focused session in the factual questions (round 1 open). */
function asyncQuestions(settings: ConstructorParameters<typeof Table>[0] = {}): Table {
  const t = new Table({ format: 'progress-focused', mode: 'async', ...settings });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation', text: 'The case.' });
  expect(t.phaseId).toBe('factual-questions');
  return t;
}

const dms = (effects: Effect[]) => effects.filter((e) => e.type === 'dm');

describe('asynchronous rounds: in parallel, with a window', () => {
  it('a round opens with a deadline, a reminder half way and one a few hours before the end', () => {
    const t = asyncQuestions();
    const round = t.session.current?.round;
    expect(round?.deadline).toBe(t.now + 24 * HOUR);
    expect(round?.turn).toBe(-1);
    expect(t.scheduled()).toEqual(
      expect.arrayContaining([
        { kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: t.now + 24 * HOUR },
        { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'half', at: t.now + 12 * HOUR },
        { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'lead', at: t.now + 20 * HOUR },
      ]),
    );
  });

  it('no second reminder when the lead time would come before the half-way one', () => {
    const t = asyncQuestions({ settings: { reminderLeadHours: 20 } });
    const reminders = t.scheduled().filter((timer) => timer.kind === 'round-reminder');
    expect(reminders.map((timer) => timer.stage)).toEqual(['half']);
  });

  it('members answer in any order; the round closes when all have answered', () => {
    const t = asyncQuestions();
    t.pass(CARA);
    t.input(ANNA, 'Who else knows?');
    expect(t.roundNo).toBe(1);
    t.input(BEN, 'What did you try?');
    expect(t.roundNo).toBe(2);
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'factual-questions', round: 1 }).code).toBe('stale');
  });

  it('at the deadline the silent members are marked as timed out, which counts as a pass', () => {
    const t = asyncQuestions();
    const deadline = t.session.current?.round?.deadline ?? 0;
    t.input(ANNA, 'Who else knows?');
    const timer: Timer = { kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: deadline };
    t.wait(23 * HOUR);
    expect(t.fire(timer).ok).toBe(false); // not due yet
    t.wait(HOUR);
    const fired = t.fire(timer);
    expect(fired.ok).toBe(true);
    expect(t.roundNo).toBe(2);
    // Round 2: everybody is silent until the deadline: the whole round was passes.
    const second = t.session.current?.round;
    expect(second?.order).toEqual([ANNA, BEN, CARA]);
    t.wait(24 * HOUR);
    t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 2, at: second?.deadline ?? 0 });
    // One question waits for its answer: the phase waits for the presenter, with its own deadline.
    expect(t.phaseId).toBe('factual-questions');
    expect(t.session.current?.round).toBeUndefined();
    expect(t.session.current?.deadline).toBe(t.now + 24 * HOUR);
    expect(t.scheduled()).toContainEqual({ kind: 'phase-deadline', phaseId: 'factual-questions', at: t.now + 24 * HOUR });
    const [q] = t.inputIds('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'Only my manager.' });
    expect(t.phaseId).toBe('appreciation');
    // A deadline of a round long gone changes nothing.
    expect(t.fire(timer).ok).toBe(false);
  });

  it('reminders go by DM only to members who have not answered, and never twice', () => {
    const t = asyncQuestions();
    const round = t.session.current?.round;
    t.pass(BEN);
    t.wait(12 * HOUR);
    const half: Timer = { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'half', at: (round?.openedAt ?? 0) + 12 * HOUR };
    const first = t.fire(half);
    expect(first.ok && dms(first.effects)).toEqual([
      { type: 'dm', user: ANNA, message: 'round-reminder', phaseId: 'factual-questions', round: 1 },
      { type: 'dm', user: CARA, message: 'round-reminder', phaseId: 'factual-questions', round: 1 },
    ]);
    expect(t.session.current?.round?.reminded).toEqual(['half']);
    expect(t.fire(half).ok).toBe(false);
    t.input(ANNA, 'How big is the team?');
    t.wait(8 * HOUR);
    const lead = t.fire({ kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'lead', at: (round?.deadline ?? 0) - 4 * HOUR });
    expect(lead.ok && dms(lead.effects)).toEqual([{ type: 'dm', user: CARA, message: 'round-reminder', phaseId: 'factual-questions', round: 1 }]);
  });

  it('the presenter sees (and answers) a question only once its round has closed', () => {
    const t = asyncQuestions();
    t.input(ANNA, 'How big is the team?');
    const [q] = t.inputIds('factual-questions');
    const early = t.no(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'Seven' });
    expect(early).toMatchObject({ key: 'seeWhenClosed' });
    t.allPass(BEN, CARA);
    t.ok(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'Seven' });
    expect(t.no(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'x'.repeat(501) })).toMatchObject({ key: 'tooLong' });
  });

  it('the facilitator may skip a member who has not answered, or close the round early', () => {
    const t = asyncQuestions();
    t.input(ANNA, 'Who else knows?');
    expect(t.no(FACILITATOR, { kind: 'skip', phaseId: 'factual-questions', round: 1, member: ANNA }).code).toBe('invalid');
    t.ok(FACILITATOR, { kind: 'skip', phaseId: 'factual-questions', round: 1, member: CARA });
    expect(t.session.current?.round?.marks[CARA]).toBe('skipped');
    t.ok(FACILITATOR, { kind: 'close-round', phaseId: 'factual-questions', round: 1 });
    expect(t.roundNo).toBe(2);
  });

  it('the facilitator extends the open round; the deadline and the last reminder move', () => {
    const t = asyncQuestions();
    const deadline = t.session.current?.round?.deadline ?? 0;
    t.ok(FACILITATOR, { kind: 'extend', phaseId: 'factual-questions', minutes: 120 });
    expect(t.session.current?.round?.deadline).toBe(deadline + 2 * HOUR);
    expect(t.scheduled()).toEqual(
      expect.arrayContaining([
        { kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: deadline + 2 * HOUR },
        { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'lead', at: deadline - 2 * HOUR },
      ]),
    );
    t.wait(24 * HOUR);
    // The old deadline is no longer due.
    expect(t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: deadline }).ok).toBe(false);
  });

  it('pause and resume move the round deadline and its reminders by the paused time', () => {
    const t = asyncQuestions();
    const round = t.session.current?.round;
    t.wait(HOUR);
    t.ok(FACILITATOR, { kind: 'pause' });
    t.wait(5 * HOUR);
    t.ok(FACILITATOR, { kind: 'resume' });
    expect(t.session.current?.round?.deadline).toBe((round?.deadline ?? 0) + 5 * HOUR);
    expect(t.scheduled()).toEqual(
      expect.arrayContaining([
        { kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: (round?.deadline ?? 0) + 5 * HOUR },
        { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'half', at: (round?.openedAt ?? 0) + 17 * HOUR },
      ]),
    );
  });
});

describe('asynchronous presenter steps', () => {
  it('the presenter gets a deadline for the case, one reminder when it passes, and nothing moves by itself', () => {
    const t = new Table({ format: 'progress-focused', mode: 'async' });
    t.start();
    expect(t.session.current?.deadline).toBe(t.now + 24 * HOUR);
    const timer: Timer = { kind: 'phase-deadline', phaseId: 'presentation', at: t.now + 24 * HOUR };
    expect(t.scheduled()).toEqual([timer]);
    t.wait(24 * HOUR);
    const fired = t.fire(timer);
    expect(fired.ok && fired.effects).toEqual([
      { type: 'dm', user: PRESENTER, message: 'presenter-reminder', phaseId: 'presentation' },
      { type: 'card' },
      { type: 'phase', phaseId: 'presentation' },
    ]);
    expect(t.fire(timer).ok).toBe(false);
    expect(t.phaseId).toBe('presentation');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(t.phaseId).toBe('factual-questions');
  });

  it('a choice waits for the presenter with a deadline too', () => {
    const t = new Table({ format: 'collegial-consultation', mode: 'async' });
    t.start();
    t.nextPhase();
    t.nextPhase();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: 'How do I start?' });
    expect(t.phaseId).toBe('method');
    expect(t.scheduled()).toEqual([{ kind: 'phase-deadline', phaseId: 'method', at: t.now + 24 * HOUR }]);
  });
});

describe('working days', () => {
  it('a round opened on Friday noon in Amsterdam with a 24-hour window closes on Monday noon', () => {
    const fridayNoon = Date.UTC(2025, 5, 6, 10); // 12:00 in Amsterdam (UTC+2)
    const t = new Table({
      format: 'progress-focused',
      mode: 'async',
      now: fridayNoon,
      settings: { workingDaysOnly: true, timeZone: 'Europe/Amsterdam' },
    });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(t.session.current?.round?.deadline).toBe(Date.UTC(2025, 5, 9, 10));
  });
});
