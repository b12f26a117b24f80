import { ANNA, BEN, CARA, FACILITATOR, PRESENTER, Table } from './table';

describe('a live collegial consultation (Kollegiale Beratung), played step by step', () => {
  it('runs from the case story through questions, key question, method, consultation and closing to the end', () => {
    const t = new Table({ format: 'collegial-consultation', mode: 'live' });
    t.start();

    // Case story, written down.
    expect(t.phaseId).toBe('case-story');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story', text: '  Two senior developers no longer speak.  ' });
    expect(t.session.statements['case-story']?.text).toBe('Two senior developers no longer speak.');

    // Comprehension questions: one round, the presenter answers each.
    expect(t.phaseId).toBe('comprehension-questions');
    t.input(ANNA, 'Since when?');
    t.input(BEN, 'Does their lead know?');
    t.pass(CARA);
    expect(t.session.current?.round).toBeUndefined();
    const [q1, q2] = t.inputIds('comprehension-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q1 ?? '', text: 'Since the reorganisation.' });
    t.ok(PRESENTER, { kind: 'answer', inputId: q2 ?? '', text: 'Yes.' });

    // Key question: must be written.
    expect(t.phaseId).toBe('key-question');
    const unwritten = t.no(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: '   ' });
    expect(unwritten.reason).toBe('This step needs it in writing: please use "Write your key question".');
    const tooLong = t.no(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: 'x'.repeat(301) });
    expect(tooLong.reason).toBe('Your text is 301 characters long; the limit is 300. Please shorten it.');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'key-question', text: 'How can I get them talking again?' });

    // Method: exactly one option.
    expect(t.phaseId).toBe('method');
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['hypotheses', 'ideas'] }).reason).toBe('Please pick 1 option.');
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['astrology'] }).code).toBe('invalid');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['hypotheses'] });
    expect(t.session.picks.method?.items).toEqual(['hypotheses']);

    // Consultation: rounds until a whole round of passes.
    expect(t.phaseId).toBe('consultation');
    t.input(ANNA, 'Maybe the reorganisation took status from one of them.');
    t.input(BEN, 'Maybe they compete for the same role.');
    t.input(CARA, 'Maybe someone else benefits from the silence.');
    t.input(ANNA, 'Maybe they never spoke much, and it shows now.');
    t.allPass(BEN, CARA);
    t.allPass(ANNA, BEN, CARA);

    // Closing: the presenter picks what helped and thanks the group.
    expect(t.phaseId).toBe('closing');
    const contributions = t.inputIds('consultation');
    t.ok(PRESENTER, {
      kind: 'pick',
      phaseId: 'closing',
      items: [contributions[1] ?? '', contributions[2] ?? ''],
      remark: 'Thank you, the competition idea opened my eyes.',
    });
    expect(t.phaseId).toBe('end');
    expect(t.session.status).toBe('ended');
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.session.status).toBe('closing');
  });

  it('the presenter only listens during the consultation', () => {
    const t = new Table({ format: 'collegial-consultation' });
    t.start();
    for (let i = 0; i < 4; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('consultation');
    const refused = t.no(PRESENTER, { kind: 'input', phaseId: 'consultation', round: 1, text: 'I think...' });
    expect(refused.code).toBe('not-allowed');
    expect(refused.reason).toBe('As the presenter you listen in this phase; the members give the contributions.');
    expect(t.no(PRESENTER, { kind: 'pass', phaseId: 'consultation', round: 1 }).code).toBe('not-allowed');
  });
});
