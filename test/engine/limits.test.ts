import { loadConfig } from '../../src/config';
import { decide } from '../../src/engine/decide';
import { DEFAULT_LIMITS, limitsOf } from '../../src/engine/limits';
import { checkNewSession } from '../../src/engine/new-session';
import { SYSTEM, type Accepted, type Timer } from '../../src/engine/session';
import { ANNA, BEN, CARA, DAY, FACILITATOR, HOUR, PRESENTER, settingsFor, Table } from './table';

/**
 * An abandoned session is closed, and everything posted in it deleted, by
 * the engine's own rule: after its idle period without activity, and at its
 * maximum age whatever happens in it. Two timers carry the checks.
 */

const LIMITS = { idleDays: 2, maxDays: 5 };
const idle = (at: number): Timer => ({ kind: 'idle', stage: 'idle', at });
const maxAge = (at: number): Timer => ({ kind: 'idle', stage: 'max-age', at });
const CLOSED_BY_SYSTEM = [{ type: 'cancel-timers' }, { type: 'dm', user: FACILITATOR, message: 'idle-closed' }, { type: 'purge' }];

function accepted(outcome: ReturnType<Table['fire']>): Accepted {
  if (!outcome.ok) throw new Error(`expected the timer to be accepted, got ${outcome.code}`);
  return outcome;
}

describe('at creation', () => {
  it('the session keeps its limits and schedules both checks, counted from its creation', () => {
    const t = new Table({ limits: LIMITS });
    expect(t.session.limits).toEqual(LIMITS);
    expect(t.scheduled()).toEqual([idle(t.now + 2 * DAY), maxAge(t.now + 5 * DAY)]);
  });

  it('without limits given, the defaults hold, and they are the configuration defaults', () => {
    const t = new Table();
    expect(t.session.limits).toEqual(DEFAULT_LIMITS);
    expect(t.scheduled()).toEqual([idle(t.now + DEFAULT_LIMITS.idleDays * DAY), maxAge(t.now + DEFAULT_LIMITS.maxDays * DAY)]);
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1111-2222-distinctivebotvalue', SLACK_APP_TOKEN: 'xapp-1-A1-3333-distinctiveappvalue' });
    expect(config.ok && config.config.sessions).toMatchObject(DEFAULT_LIMITS);
  });

  it('limits outside 1 to 365 whole days, or an idle period longer than the maximum age, are refused', () => {
    const base = { id: 'S9', formatId: 'progress-focused', channel: 'C9', title: 'x', createdBy: ANNA, facilitator: FACILITATOR, presenter: PRESENTER, members: [ANNA, BEN], settings: settingsFor('live') };
    expect(checkNewSession({ ...base, limits: LIMITS })).toBeUndefined();
    for (const limits of [{ idleDays: 0, maxDays: 5 }, { idleDays: 2, maxDays: 366 }, { idleDays: 1.5, maxDays: 5 }, { idleDays: 6, maxDays: 5 }]) {
      expect(checkNewSession({ ...base, limits })).toMatchObject({ field: 'limits', code: 'out-of-range' });
    }
  });
});

describe('the idle check', () => {
  it('closes a session nobody touched for the idle period, as a close by the system does', () => {
    const t = new Table({ limits: LIMITS });
    t.start();
    t.wait(2 * DAY);
    const fired = accepted(t.fire(idle(t.now)));
    expect(t.session.status).toBe('closing');
    expect(t.session.closing).toEqual({ by: SYSTEM, at: t.now, reason: 'idle' });
    expect(fired.effects).toEqual(CLOSED_BY_SYSTEM);
  });

  it('after activity, only looks again when the session could next have sat idle that long; judging it is not activity', () => {
    const t = new Table({ limits: LIMITS });
    const created = t.now;
    t.start();
    t.wait(DAY);
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    const active = t.session.updatedAt;
    expect(active).toBe(created + DAY);
    t.wait(DAY);
    const seq = t.session.seq;
    const before = t.session;
    const fired = accepted(t.fire(idle(created + 2 * DAY)));
    // The check is set again; the buttons are redrawn at the new seq; nothing else changes.
    expect(fired.effects).toEqual([
      { type: 'schedule', timer: idle(active + 2 * DAY) },
      { type: 'card' },
      { type: 'phase', phaseId: 'factual-questions' },
    ]);
    expect(t.session.seq).toBe(seq + 1);
    expect(t.session.updatedAt).toBe(active);
    expect({ ...t.session, seq: before.seq, recent: before.recent }).toEqual(before);
    // Nothing happened since: at the new time it closes.
    t.wait(DAY);
    accepted(t.fire(idle(active + 2 * DAY)));
    expect(t.session.closing?.reason).toBe('idle');
  });

  it('holds before the start, while paused, and after the end; a closing session turns it down', () => {
    const open = new Table({ limits: LIMITS });
    open.wait(2 * DAY);
    accepted(open.fire(idle(open.now)));
    expect(open.session.closing?.reason).toBe('idle');
    expect(open.fire(idle(open.now)).ok).toBe(false);

    const paused = new Table({ limits: LIMITS });
    paused.start();
    paused.ok(FACILITATOR, { kind: 'pause' });
    paused.wait(2 * DAY);
    accepted(paused.fire(idle(paused.now)));
    expect(paused.session.closing?.reason).toBe('idle');

    const ended = new Table({ limits: LIMITS });
    ended.start();
    while (ended.session.status === 'running') ended.nextPhase();
    expect(ended.session.status).toBe('ended');
    ended.wait(2 * DAY);
    accepted(ended.fire(idle(ended.now)));
    expect(ended.session.closing?.reason).toBe('idle');
  });

  it('before the start, finding activity, it redraws the card (its Start button) at the new seq', () => {
    const t = new Table({ limits: LIMITS, agreed: [FACILITATOR] });
    t.wait(DAY);
    t.ok(ANNA, { kind: 'agree' });
    t.wait(DAY);
    expect(accepted(t.fire(idle(t.now))).effects).toEqual([{ type: 'schedule', timer: idle(t.now + DAY) }, { type: 'card' }]);
    expect(t.session.status).toBe('open');
  });
});

describe('the max-age check', () => {
  it('closes a session at its maximum age however active it is', () => {
    const t = new Table({ limits: LIMITS });
    const created = t.now;
    t.start();
    t.wait(5 * DAY - HOUR);
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.wait(HOUR);
    const fired = accepted(t.fire(maxAge(created + 5 * DAY)));
    expect(t.session.closing).toEqual({ by: SYSTEM, at: t.now, reason: 'max-age' });
    expect(fired.effects).toEqual(CLOSED_BY_SYSTEM);
  });

  it('arriving early, it is set again for the maximum age, not lost', () => {
    const t = new Table({ limits: LIMITS });
    const created = t.now;
    t.start();
    t.wait(5 * DAY - HOUR);
    expect(accepted(t.fire(maxAge(t.now))).effects).toContainEqual({ type: 'schedule', timer: maxAge(created + 5 * DAY) });
    expect(t.session.status).toBe('running');
  });
});

describe('a session stored before it kept its limits', () => {
  it('is judged by the defaults, and the idle check the service scheduled for it (the same timer) still closes it', () => {
    const t = new Table();
    t.start();
    const { limits: _dropped, ...legacy } = t.session;
    t.session = legacy;
    expect(limitsOf(t.session)).toEqual(DEFAULT_LIMITS);
    t.wait(DEFAULT_LIMITS.idleDays * DAY - HOUR);
    // Not yet idle long enough by the defaults: set again, now under the engine's own key.
    expect(accepted(t.fire(idle(t.now))).effects).toContainEqual({ type: 'schedule', timer: idle(t.session.updatedAt + DEFAULT_LIMITS.idleDays * DAY) });
    t.wait(HOUR);
    accepted(t.fire(idle(t.now)));
    expect(t.session.closing?.reason).toBe('idle');
  });
});

describe('who and what', () => {
  it('only the system fires it, and only for the stages it knows', () => {
    const t = new Table({ limits: LIMITS });
    t.start();
    t.wait(3 * DAY);
    expect(t.no(ANNA, { kind: 'timer', timer: idle(t.now) }).code).toBe('not-allowed');
    expect(t.no(SYSTEM, { kind: 'timer', timer: { kind: 'idle', at: t.now } }).code).toBe('invalid');
    expect(t.no(SYSTEM, { kind: 'timer', timer: { kind: 'idle', stage: 'ending', at: t.now } }).code).toBe('invalid');
    expect(t.session.status).toBe('running');
  });

  it('no timer counts as activity: a round reminder leaves updatedAt alone, a person acting moves it', () => {
    const t = new Table({ mode: 'async', limits: LIMITS });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    const active = t.session.updatedAt;
    t.wait(12 * HOUR);
    const half: Timer = { kind: 'round-reminder', phaseId: 'factual-questions', round: 1, stage: 'half', at: t.now };
    const outcome = decide(t.session, { id: 'r1', actor: SYSTEM, seq: t.session.seq, kind: 'timer', timer: half }, t.now);
    expect(outcome.ok && outcome.session.updatedAt).toBe(active);
    t.input(CARA, 'What did you try?');
    expect(t.session.updatedAt).toBe(t.now);
  });
});
