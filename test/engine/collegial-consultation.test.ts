import { inputSpecOf } from '../../src/engine/queries';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { ANNA, BEN, CARA, FACILITATOR, PRESENTER, Table } from './table';

describe('a live collegial consultation (Kollegiale Beratung), played step by step', () => {
  it('runs from the case story through questions, key question, method, consultation, closing and sharing to the end', () => {
    const t = new Table({ format: 'collegial-consultation', mode: 'live' });
    t.start();

    // Case story, written down.
    expect(t.phaseId).toBe('case-story');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story', text: '  Two senior developers no longer speak.  ' });
    expect(t.session.statements['case-story']?.text).toBe('Two senior developers no longer speak.');

    // Comprehension questions: in rounds until a round of passes, the case giver answering each.
    expect(t.phaseId).toBe('comprehension-questions');
    t.input(ANNA, 'Since when?');
    t.input(BEN, 'Does their lead know?');
    t.pass(CARA);
    expect(t.roundNo).toBe(2);
    t.allPass(ANNA, BEN);
    t.input(CARA, 'Who hired them?');
    t.allPass(ANNA, BEN, CARA);
    expect(t.session.current?.round).toBeUndefined();
    const [q1, q2, q3] = t.inputIds('comprehension-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q1 ?? '', text: 'Since the reorganisation.' });
    t.ok(PRESENTER, { kind: 'answer', inputId: q2 ?? '', text: 'Yes.' });
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: q3 ?? '' })).toMatchObject({ key: 'answerRequired' });
    t.ok(PRESENTER, { kind: 'answer', inputId: q3 ?? '', text: 'I did.' });

    // Key question: must be written.
    expect(t.phaseId).toBe('key-question');
    const unwritten = t.no(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: '   ' });
    expect(unwritten).toMatchObject({ key: 'inWriting' });
    const tooLong = t.no(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: 'x'.repeat(301) });
    expect(tooLong).toMatchObject({ key: 'tooLong' });
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: 'How can I get them talking again?' });

    // Method: exactly one, called a method.
    expect(t.phaseId).toBe('method');
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['hypotheses', 'ideas'] })).toMatchObject({ key: 'pickExactly', params: { count: 1, noun: { pick: 'method' } } });
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['astrology'] }).code).toBe('invalid');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['hypotheses'] });
    expect(t.session.picks.method?.items).toEqual(['hypotheses']);

    // Consultation: hypotheses, in rounds until a whole round of passes.
    expect(t.phaseId).toBe('consultation');
    const empty = t.no(ANNA, { kind: 'input', phaseId: 'consultation', round: 1, text: ' ' });
    expect(empty).toMatchObject({ key: 'empty' });
    t.input(ANNA, 'Maybe the reorganisation took status from one of them.');
    t.input(BEN, 'Maybe they compete for the same role.');
    t.input(CARA, 'Maybe someone else benefits from the silence.');
    t.input(ANNA, 'Maybe they never spoke much, and it shows now.');
    t.allPass(BEN, CARA);
    t.allPass(ANNA, BEN, CARA);

    // Closing: the case giver's statement: what helped (no fixed number) and their thanks.
    expect(t.phaseId).toBe('closing');
    const contributions = t.inputIds('consultation');
    // What is picked is called as the consultation named it: after the method chosen (hypotheses).
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'closing', items: [] })).toMatchObject({
      key: 'pickBetween',
      params: { min: 1, max: 4, noun: { input: 'consultation', option: 'hypotheses' } },
    });
    t.ok(PRESENTER, {
      kind: 'pick',
      phaseId: 'closing',
      items: contributions,
      remark: 'Thank you, the competition idea opened my eyes.',
    });

    // Sharing: an optional round of the consultants, one round at most.
    expect(t.phaseId).toBe('sharing');
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN, CARA]);
    t.input(ANNA, 'I will listen for silence in my own team.');
    t.allPass(BEN, CARA);
    expect(t.phaseId).toBe('end');
    expect(t.session.status).toBe('ended');
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.session.status).toBe('closing');
  });

  it('the case giver only listens during the consultation, and the moderator guides', () => {
    const t = new Table({ format: 'collegial-consultation' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['ideas'] });
    expect(t.phaseId).toBe('consultation');
    const refused = t.no(PRESENTER, { kind: 'input', phaseId: 'consultation', round: 1, text: 'I think...' });
    expect(refused.code).toBe('not-allowed');
    expect(refused).toMatchObject({ key: 'presenterListens' });
    expect(t.no(PRESENTER, { kind: 'pass', phaseId: 'consultation', round: 1 }).code).toBe('not-allowed');
    expect(t.no(ANNA, { kind: 'skip', phaseId: 'consultation', round: 1, member: ANNA })).toMatchObject({ key: 'onlyFacilitator.skip' });
  });

  it('comprehension questions stop after three rounds, the format\'s cap, even when questions keep coming', () => {
    const t = new Table({ format: 'collegial-consultation' });
    t.start();
    t.nextPhase();
    for (let round = 1; round <= 3; round += 1) {
      expect(t.roundNo).toBe(round);
      t.input(ANNA, `Question ${round}?`);
      t.allPass(BEN, CARA);
    }
    expect(t.session.current?.round).toBeUndefined();
    expect(t.session.current?.roundsClosed).toBe(3);
  });

  it('the input is named after the chosen method, and a method without words of its own keeps the phase\'s', () => {
    const t = new Table({ format: 'collegial-consultation' });
    const consultation = t.registry.require('collegial-consultation').phases.find((p) => p.id === 'consultation') as RoundsPhase;
    const format = t.registry.require('collegial-consultation');
    expect(inputSpecOf(t.session, format, consultation).noun.singular).toBe('contribution');
    for (const [method, noun, label] of [
      ['hypotheses', 'hypothesis', 'Offer a hypothesis'],
      ['ideas', 'idea', 'Add an idea'],
      ['headlines', 'headline', 'Write a headline'],
      ['sounding-board', 'reaction', 'Share a reaction'],
      ['solution-proposals', 'solution proposal', 'Propose a solution'],
    ] as const) {
      const picked = { ...t.session, picks: { method: { items: [method], at: 0 } } };
      expect(inputSpecOf(picked, format, consultation)).toMatchObject({ noun: { singular: noun }, label, maxLength: 800 });
    }
  });
});
