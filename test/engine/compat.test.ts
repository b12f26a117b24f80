/**
 * Sessions stored by the previous version keep working after a format gained
 * a phase: the engine finds the session's phase by the id it stored, not by
 * its position, which the new phase shifted (queries.phaseIndexIn).
 */
import { currentPhase, phaseIndexIn } from '../../src/engine/queries';
import type { Session } from '../../src/engine/session';
import { formats } from '../../src/engine/formats';
import { phaseState } from '../../src/slack/blocks/view-model';
import { ANNA, BEN, CARA, PRESENTER, Table } from './table';

/** Agile-Intervision's phases before focused questions came after resonance. */
const AGILE_BEFORE = ['check-in', 'case-story', 'observations', 'resonance', 'closing-round', 'end'];

/** The session as the previous version stored it: its phase counted in the format as it was then. */
function storedBefore(session: Session, phasesThen: string[]): Session {
  const id = session.current?.id ?? '';
  return { ...session, phaseIndex: phasesThen.indexOf(id) };
}

describe('a session stored before its format gained a phase', () => {
  it('in the closing round, stays in the closing round, and ends there: the new phase before it is not run', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('closing-round');
    t.session = storedBefore(t.session, AGILE_BEFORE);
    const agile = formats.require('agile-intervision');
    // Position 4 is now the focused questions; the session is still where it was.
    expect(agile.phases[t.session.phaseIndex]?.id).toBe('focused-questions');
    expect(currentPhase(t.session)?.id).toBe('closing-round');
    expect(phaseIndexIn(t.session, agile)).toBe(5);
    expect(phaseState(t.session, agile, 'closing-round')).toBe('current');

    t.input(PRESENTER, 'Say what I want, early.');
    // The first command stores the position in the format as it is now.
    expect(t.session.phaseIndex).toBe(5);
    t.allPass(ANNA, BEN, CARA);
    t.pass('UFACI');
    expect(t.phaseId).toBe('end');
    expect(t.session.status).toBe('ended');
  });

  it('in resonance, goes on to the focused questions the format now has', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.start();
    t.nextPhase();
    t.input(ANNA, 'You smiled when you named the team.');
    t.nextPhase();
    expect(t.phaseId).toBe('resonance');
    t.session = storedBefore(t.session, AGILE_BEFORE);
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: t.inputIds('observations') });
    expect(t.phaseId).toBe('focused-questions');
  });

  it('a facilitator\'s Next phase on such a session moves on from where it is, not from the shifted position', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    t.session = storedBefore(t.session, AGILE_BEFORE);
    t.nextPhase();
    expect(t.phaseId).toBe('end');
  });

  it('a collegial consultation closing before the sharing round existed gets the sharing round', () => {
    const t = new Table({ format: 'collegial-consultation' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['ideas'] });
    t.input(ANNA, 'Have lunch together.');
    t.nextPhase();
    expect(t.phaseId).toBe('closing');
    t.session = storedBefore(t.session, ['case-story', 'comprehension-questions', 'key-question', 'method', 'consultation', 'closing', 'end']);
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'closing', items: t.inputIds('consultation') });
    expect(t.phaseId).toBe('sharing');
  });
});
