import { SYSTEM } from '../../src/engine/session';
import { ANNA, BEN, FACILITATOR, MINUTE, PRESENTER, Table } from './table';

describe('live timeboxes', () => {
  it('a phase gets its timebox; a minute before the end and at the end a notice is given, once each', () => {
    const t = new Table({ format: 'progress-focused', settings: { timeboxMinutes: { presentation: 3 } } });
    const startedAt = t.now;
    t.start();
    expect(t.session.current?.deadline).toBe(startedAt + 3 * MINUTE);
    const ending = { kind: 'timebox-warning' as const, phaseId: 'presentation', stage: 'ending', at: startedAt + 2 * MINUTE };
    const ended = { kind: 'timebox-warning' as const, phaseId: 'presentation', stage: 'ended', at: startedAt + 3 * MINUTE };
    expect(t.scheduled()).toEqual([ending, ended]);

    // A timer that fires early (clock skew) is not due yet.
    t.wait(MINUTE);
    expect(t.fire(ending).ok).toBe(false);
    t.wait(MINUTE);
    const fired = t.fire(ending);
    // The notice, and a redraw: the seq moved, so buttons drawn at the old one (Next phase) would turn stale.
    const redraw = [{ type: 'card' }, { type: 'phase', phaseId: 'presentation' }];
    expect(fired.ok && fired.effects).toEqual([{ type: 'notice', notice: 'timebox-ending', phaseId: 'presentation' }, ...redraw]);
    expect(t.session.current?.notices).toEqual(['ending']);
    expect(t.fire(ending).ok).toBe(false);
    t.wait(MINUTE);
    const end = t.fire(ended);
    expect(end.ok && end.effects).toEqual([{ type: 'notice', notice: 'timebox-ended', phaseId: 'presentation' }, ...redraw]);
    // The facilitator still decides when to move on.
    expect(t.phaseId).toBe('presentation');
  });

  it('a short timebox warns at half its length', () => {
    const t = new Table({ format: 'progress-focused' });
    const at = t.now;
    t.start();
    t.nextPhase();
    t.nextPhase();
    t.nextPhase();
    expect(t.phaseId).toBe('tips');
    t.input(ANNA, 'Ask them.');
    t.nextPhase();
    // Usefulness has a one-minute timebox: the "ending" notice comes after 30 seconds.
    expect(t.scheduled()).toContainEqual({ kind: 'timebox-warning', phaseId: 'usefulness', stage: 'ending', at: at + 30_000 });
  });

  it('a warning of a phase that has ended is no longer due', () => {
    const t = new Table();
    t.start();
    const [ending] = t.scheduled();
    t.nextPhase();
    t.wait(10 * MINUTE);
    const late = t.fire(ending ?? { kind: 'timebox-warning', at: 0 });
    expect(late.ok).toBe(false);
  });

  it('the facilitator extends the timebox; the notices come again for the new end', () => {
    const t = new Table({ settings: { timeboxMinutes: { presentation: 5 } } });
    const at = t.now;
    t.start();
    t.wait(5 * MINUTE);
    t.fire({ kind: 'timebox-warning', phaseId: 'presentation', stage: 'ending', at: at + 4 * MINUTE });
    t.fire({ kind: 'timebox-warning', phaseId: 'presentation', stage: 'ended', at: at + 5 * MINUTE });
    expect(t.no(ANNA, { kind: 'extend', phaseId: 'presentation', minutes: 2 }).code).toBe('not-allowed');
    expect(t.no(FACILITATOR, { kind: 'extend', phaseId: 'presentation', minutes: 0 }).code).toBe('invalid');
    t.wait(MINUTE);
    t.ok(FACILITATOR, { kind: 'extend', phaseId: 'presentation', minutes: 2 });
    // The time had already run out, so the two minutes count from now.
    expect(t.session.current?.deadline).toBe(t.now + 2 * MINUTE);
    expect(t.session.current?.notices).toEqual([]);
    expect(t.scheduled()).toEqual([
      { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ending', at: t.now + MINUTE },
      { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ended', at: t.now + 2 * MINUTE },
    ]);
  });
});

describe('pause and resume', () => {
  it('while paused, everything but resume, close, agreeing and leave waits', () => {
    const t = new Table();
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    expect(t.no(ANNA, { kind: 'pause' }).code).toBe('not-allowed');
    const paused = t.ok(FACILITATOR, { kind: 'pause' });
    expect(paused.effects).toEqual([{ type: 'card' }, { type: 'notice', notice: 'paused' }]);
    expect(t.session.status).toBe('paused');
    const refused = t.no(ANNA, { kind: 'input', phaseId: 'factual-questions', round: 1, text: 'Hm?' });
    expect(refused.code).toBe('paused');
    expect(refused).toMatchObject({ key: 'paused' });
    expect(t.no(FACILITATOR, { kind: 'next-phase', phaseId: 'factual-questions' }).code).toBe('paused');
    expect(t.fire({ kind: 'timebox-warning', phaseId: 'factual-questions', stage: 'ended', at: t.now }).ok).toBe(false);
    // Nobody new joins a session that has started, paused or not.
    expect(t.no('UDAN', { kind: 'join' }).code).toBe('already-started');
    t.ok(BEN, { kind: 'leave' });
    expect(t.no(FACILITATOR, { kind: 'pause' }).code).toBe('paused');
  });

  it('resume moves the deadlines on by the paused time and schedules the timers again', () => {
    const t = new Table({ settings: { timeboxMinutes: { presentation: 5 } } });
    const at = t.now;
    t.start();
    t.wait(2 * MINUTE);
    t.ok(FACILITATOR, { kind: 'pause' });
    t.wait(10 * MINUTE);
    expect(t.no(FACILITATOR, { kind: 'resume' }, { seq: t.session.seq - 1 }).code).toBe('stale');
    const resumed = t.ok(FACILITATOR, { kind: 'resume' });
    expect(t.session.status).toBe('running');
    expect(t.session.pausedAt).toBeUndefined();
    expect(t.session.current?.deadline).toBe(at + 15 * MINUTE);
    expect(resumed.effects).toEqual(
      expect.arrayContaining([
        { type: 'notice', notice: 'resumed' },
        { type: 'schedule', timer: { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ending', at: at + 14 * MINUTE } },
        { type: 'schedule', timer: { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ended', at: at + 15 * MINUTE } },
      ]),
    );
    expect(t.no(FACILITATOR, { kind: 'resume' })).toMatchObject({ key: 'notPaused' });
  });

  it('a member who left while paused is no longer waited for after resume', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    t.nextPhase();
    t.input(ANNA, 'Good');
    t.input(BEN, 'Fine');
    t.ok(FACILITATOR, { kind: 'pause' });
    t.ok('UCARA', { kind: 'leave' });
    // Nothing moves while paused ...
    expect(t.roundNo).toBe(1);
    t.ok(FACILITATOR, { kind: 'resume' });
    // ... and on resume the round that no longer waits for anyone closes.
    expect(t.roundNo).toBe(2);
  });
});

describe('close', () => {
  it('the facilitator closes at any status; the content is purged and the session turns everything down', () => {
    const t = new Table();
    expect(t.no(ANNA, { kind: 'close', reason: 'facilitator' })).toMatchObject({ key: 'onlyFacilitator.close' });
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' }, { seq: 0 });
    expect(t.session.status).toBe('closing');
    expect(t.effects).toEqual([{ type: 'cancel-timers' }, { type: 'purge' }]);
    expect(t.no(FACILITATOR, { kind: 'close', reason: 'facilitator' }).code).toBe('closed');
    expect(t.no(ANNA, { kind: 'join' })).toMatchObject({ key: 'closed' });
  });

  it('the system closes idle or old sessions, but not as the facilitator', () => {
    const t = new Table();
    t.start();
    expect(t.no('system', { kind: 'close', reason: 'facilitator' }).code).toBe('invalid');
    expect(t.no('system', { kind: 'next-phase', phaseId: 'presentation' }).code).toBe('not-allowed');
    t.ok('system', { kind: 'close', reason: 'idle' });
    expect(t.session.closing).toEqual({ by: 'system', at: t.now, reason: 'idle' });
  });

  it('a paused session can be closed', () => {
    const t = new Table();
    t.start();
    t.ok(FACILITATOR, { kind: 'pause' });
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.session.status).toBe('closing');
  });
});

describe('an abandoned session', () => {
  it('is closed by the system like a facilitator close, and the facilitator is told by direct message', () => {
    const t = new Table();
    t.ok(SYSTEM, { kind: 'close', reason: 'idle' }, { seq: 0 });
    expect(t.session.status).toBe('closing');
    expect(t.session.closing?.reason).toBe('idle');
    expect(t.effects).toEqual([{ type: 'cancel-timers' }, { type: 'dm', user: FACILITATOR, message: 'idle-closed' }, { type: 'purge' }]);
  });
});
