import { RECENT_LIMIT } from '../../src/engine/decide';
import { SEQ_STRICT } from '../../src/engine/gate';
import type { CommandBody, CommandKind } from '../../src/engine/session';
import { ANNA, BEN, CARA, DAN, FACILITATOR, HOUR, PRESENTER, Table } from './table';

describe('idempotency: the same command twice counts once', () => {
  it('a repeated command id is accepted as a duplicate and changes nothing', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    t.nextPhase();
    const first = t.ok(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Kind' }, { id: 'click-42' });
    expect(first.duplicate).toBe(false);
    const before = t.session;
    const again = t.ok(ANNA, { kind: 'input', phaseId: 'appreciation', round: 1, text: 'Kind' }, { id: 'click-42' });
    expect(again).toEqual({ ok: true, duplicate: true, session: before, effects: [] });
    expect(t.session).toBe(before);
    expect(t.session.inputs).toHaveLength(1);
  });

  it('every accepted command raises seq by one, stamps updatedAt and is remembered; only the last ids are kept', () => {
    const t = new Table({ members: [] });
    for (let i = 0; i < RECENT_LIMIT + 6; i += 1) {
      const seq = t.session.seq;
      t.wait(1000);
      const who = `UJ${i}`;
      t.ok(who, { kind: 'join' }, { id: `join-${i}` });
      t.ok(who, { kind: 'leave' }, { id: `leave-${i}` });
      expect(t.session.seq).toBe(seq + 2);
      expect(t.session.updatedAt).toBe(t.now);
    }
    expect(t.session.recent).toHaveLength(RECENT_LIMIT);
    expect(t.session.recent.at(-1)).toBe(`leave-${RECENT_LIMIT + 5}`);
    expect(t.session.recent).not.toContain('join-0');
  });

  it('a rejected command changes nothing, not even seq', () => {
    const t = new Table();
    const before = t.session;
    t.no(ANNA, { kind: 'start' });
    expect(t.session).toBe(before);
    expect(t.session.seq).toBe(1);
  });
});

/**
 * One situation per command kind in which the command is accepted at the
 * current seq; each test sends it with the seq before (a button drawn one
 * step earlier).
 */
function situation(kind: CommandKind): { t: Table; actor: string; body: CommandBody } {
  // For 'agree', Anna is the one who has not agreed yet.
  const agreed = kind === 'agree' ? [FACILITATOR, PRESENTER, BEN, CARA] : undefined;
  const t = new Table({ format: 'progress-focused', members: [ANNA, BEN, CARA], ...(agreed ? { agreed } : {}) });
  const running = () => {
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  };
  switch (kind) {
    case 'join':
      return { t, actor: DAN, body: { kind } };
    case 'leave':
      return { t, actor: BEN, body: { kind } };
    case 'agree':
      return { t, actor: ANNA, body: { kind } };
    case 'start':
      return { t, actor: FACILITATOR, body: { kind } };
    case 'remove':
      return { t, actor: FACILITATOR, body: { kind, member: CARA } };
    case 'set-members':
      return { t, actor: FACILITATOR, body: { kind, members: [ANNA, BEN, DAN] } };
    case 'presenter-copy':
      return { t, actor: PRESENTER, body: { kind, on: false } };
    case 'nudges':
      return { t, actor: ANNA, body: { kind, via: 'dm' } };
    case 'close':
      return { t, actor: FACILITATOR, body: { kind, reason: 'facilitator' } };
    case 'pause':
      running();
      return { t, actor: FACILITATOR, body: { kind } };
    case 'resume':
      running();
      t.ok(FACILITATOR, { kind: 'pause' });
      return { t, actor: FACILITATOR, body: { kind } };
    case 'next-phase':
      running();
      return { t, actor: FACILITATOR, body: { kind, phaseId: 'factual-questions' } };
    case 'extend':
      running();
      return { t, actor: FACILITATOR, body: { kind, phaseId: 'factual-questions', minutes: 2 } };
    case 'skip':
      running();
      return { t, actor: FACILITATOR, body: { kind, phaseId: 'factual-questions', round: 1, member: ANNA } };
    case 'close-round':
      running();
      return { t, actor: FACILITATOR, body: { kind, phaseId: 'factual-questions', round: 1 } };
    case 'input':
      running();
      return { t, actor: ANNA, body: { kind, phaseId: 'factual-questions', round: 1, text: 'Why?' } };
    case 'pass':
      running();
      return { t, actor: ANNA, body: { kind, phaseId: 'factual-questions', round: 1 } };
    case 'edit':
      running();
      t.input(ANNA, 'Why?');
      return { t, actor: ANNA, body: { kind, inputId: 'i1', text: 'Why now?' } };
    case 'withdraw':
      running();
      t.input(ANNA, 'Why?');
      return { t, actor: ANNA, body: { kind, inputId: 'i1' } };
    case 'answer':
      running();
      t.input(ANNA, 'Why?');
      return { t, actor: PRESENTER, body: { kind, inputId: 'i1', text: 'Because.' } };
    case 'answer-pass':
      return focusedQuestion();
    case 'hide':
      running();
      t.input(ANNA, 'Have you tried asking them?');
      return { t, actor: FACILITATOR, body: { kind, inputId: 'i1', reason: 'advice' } };
    case 'ask-clarification':
      running();
      t.input(ANNA, 'Why?');
      return { t, actor: FACILITATOR, body: { kind, inputId: 'i1' } };
    case 'clarify':
      running();
      t.input(ANNA, 'Why?');
      t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' });
      return { t, actor: ANNA, body: { kind, inputId: 'i1', text: 'Why then, I mean.' } };
    case 'statement':
      t.start();
      return { t, actor: PRESENTER, body: { kind, phaseId: 'presentation' } };
    case 'pick':
      running();
      t.nextPhase();
      t.nextPhase();
      t.input(ANNA, 'A tip');
      t.nextPhase();
      return { t, actor: PRESENTER, body: { kind, phaseId: 'usefulness', items: ['i1'] } };
    case 'evaluate':
      running();
      for (let i = 0; i < 3; i += 1) t.nextPhase();
      return { t, actor: PRESENTER, body: { kind, phaseId: 'evaluation', useful: 'yes' } };
    case 'timer':
      t.start();
      t.wait(5 * 60_000);
      return { t, actor: 'system', body: { kind, timer: { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ended', at: t.now } } };
    default:
      return choosing(kind);
  }
}

/** A group's meeting choosing its case, in a situation where the selection command `kind` is accepted. */
function choosing(kind: CommandKind): { t: Table; actor: string; body: CommandBody } {
  const t = new Table({ members: [PRESENTER, ANNA, BEN, CARA], proposals: [{ id: 'g1', author: PRESENTER, title: 'A case', at: 0 }, { id: 'g2', author: ANNA, at: 0 }] });
  t.start();
  switch (kind) {
    case 'vote':
      return { t, actor: BEN, body: { kind, proposalId: 'g1' } };
    case 'close-vote':
      t.ok(BEN, { kind: 'vote', proposalId: 'g1' });
      return { t, actor: FACILITATOR, body: { kind } };
    case 'pick-case':
      return { t, actor: FACILITATOR, body: { kind, proposalId: 'g2' } };
    case 'propose-case':
      return { t, actor: CARA, body: { kind, title: 'Mine too' } };
    case 'withdraw-case':
      return { t, actor: ANNA, body: { kind, proposalId: 'g2' } };
    case 'release-case':
      t.ok(FACILITATOR, { kind: 'pick-case', proposalId: 'g1' });
      return { t, actor: ANNA, body: { kind, proposalId: 'g2', carry: false } };
    default:
      throw new Error(`no situation for ${kind}`);
  }
}

/** An Agile-Intervision in its focused questions, with Anna's question i2 waiting for the case giver. */
function focusedQuestion(): { t: Table; actor: string; body: CommandBody } {
  const t = new Table({ format: 'agile-intervision', members: [ANNA, BEN, CARA] });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story' });
  t.input(ANNA, 'You smiled when you named the team.');
  t.nextPhase();
  t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: ['i1'] });
  t.input(ANNA, 'What did the smile hold?');
  return { t, actor: PRESENTER, body: { kind: 'answer-pass', inputId: 'i2' } };
}

const ALL_KINDS: CommandKind[] = [
  'join', 'leave', 'agree', 'start', 'input', 'pass', 'edit', 'withdraw', 'answer', 'answer-pass', 'hide', 'ask-clarification', 'clarify', 'statement', 'pick',
  'evaluate', 'skip', 'next-phase', 'remove', 'set-members', 'extend', 'close-round', 'pause', 'resume', 'presenter-copy', 'nudges', 'close', 'timer',
  'vote', 'close-vote', 'pick-case', 'propose-case', 'withdraw-case', 'release-case',
];

describe('stale seq', () => {
  it.each(ALL_KINDS.filter((kind) => SEQ_STRICT.has(kind)))('%s with an old seq is turned down: "This step has moved on."', (kind) => {
    const { t, actor, body } = situation(kind);
    const rejected = t.no(actor, body, { seq: t.session.seq - 1 });
    expect(rejected).toEqual({ ok: false, code: 'stale', key: 'movedOn' });
    t.ok(actor, body);
  });

  it.each(ALL_KINDS.filter((kind) => !SEQ_STRICT.has(kind)))('%s with an old seq is still judged by the current state and applied', (kind) => {
    const { t, actor, body } = situation(kind);
    const seq = t.session.seq;
    t.ok(actor, body, { seq: seq - 1 });
    expect(t.session.seq).toBe(seq + 1);
  });

  const WAYS_OUT: CommandKind[] = ['close', 'leave'];
  const PEOPLES = ALL_KINDS.filter((kind) => kind !== 'timer');

  it.each(PEOPLES.filter((kind) => !WAYS_OUT.includes(kind)))('%s with a seq ahead of the session\'s is turned down as stale, kindly, and changes nothing', (kind) => {
    const { t, actor, body } = situation(kind);
    const before = t.session;
    for (const ahead of [1, 2, 1000]) {
      const rejected = t.no(actor, body, { seq: before.seq + ahead });
      expect(rejected).toEqual({ ok: false, code: 'stale', key: 'outOfDate' });
    }
    expect(t.session).toEqual(before);
    // The same command with the seq the session has is taken: the refusal was about the seq.
    t.ok(actor, body);
  });

  it.each(WAYS_OUT)('%s with a seq ahead is still taken: a way out is open whatever the person saw', (kind) => {
    const { t, actor, body } = situation(kind);
    const seq = t.session.seq;
    t.ok(actor, body, { seq: seq + 5 });
    expect(t.session.seq).toBe(seq + 1);
  });

  it("the scheduler's timer is judged by its phase, round and due time even with a seq ahead", () => {
    const { t, actor, body } = situation('timer');
    const seq = t.session.seq;
    t.ok(actor, body, { seq: seq + 3 });
    expect(t.session.seq).toBe(seq + 1);
  });

  it('exactly these commands need the seq the person saw', () => {
    expect([...SEQ_STRICT].sort()).toEqual(['close-round', 'close-vote', 'extend', 'next-phase', 'pause', 'pick', 'resume', 'skip', 'start']);
  });

  it('a double click on "next phase" moves on only one phase', () => {
    const t = new Table();
    t.start();
    const seen = t.session.seq;
    t.ok(FACILITATOR, { kind: 'next-phase', phaseId: 'presentation' }, { seq: seen, id: 'a' });
    const second = t.no(FACILITATOR, { kind: 'next-phase', phaseId: 'presentation' }, { seq: seen, id: 'b' });
    expect(second.code).toBe('stale');
    expect(t.phaseId).toBe('factual-questions');
  });

  it('a late statement for a phase that is over is turned down by its phase id', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    expect(t.no(PRESENTER, { kind: 'statement', phaseId: 'presentation', text: 'Late' }).code).toBe('stale');
  });

  it('a timer is judged by its phase and round, not by seq', () => {
    const t = new Table({ mode: 'async' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.wait(24 * HOUR);
    const deadline = t.session.current?.round?.deadline ?? 0;
    expect(t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 2, at: deadline }).ok).toBe(false);
    expect(t.fire({ kind: 'round-deadline', phaseId: 'tips', round: 1, at: deadline }).ok).toBe(false);
    expect(t.fire({ kind: 'idle', at: deadline }).ok).toBe(false);
    expect(t.no(ANNA, { kind: 'timer', timer: { kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: deadline } }).code).toBe(
      'not-allowed',
    );
    expect(t.fire({ kind: 'round-deadline', phaseId: 'factual-questions', round: 1, at: deadline }).ok).toBe(true);
  });
});

describe('who may do what, in words a person can read', () => {
  it('only the presenter answers, writes the case and chooses the private copy', () => {
    const t = new Table();
    expect(t.no(ANNA, { kind: 'presenter-copy', on: false })).toMatchObject({ key: 'onlyPresenter.presenterCopy', params: { presenter: { role: 'presenter', user: PRESENTER } } });
    t.ok(PRESENTER, { kind: 'presenter-copy', on: false });
    expect(t.session.settings.presenterCopy).toBe(false);
    t.start();
    expect(t.no(FACILITATOR, { kind: 'statement', phaseId: 'presentation' })).toMatchObject({ key: 'onlyPresenter.statement' });
    t.nextPhase();
    t.input(ANNA, 'Why?');
    expect(t.no(BEN, { kind: 'answer', inputId: 'i1', text: 'Because' })).toMatchObject({ key: 'onlyPresenter.answer' });
  });

  it('after the end, only closing (and the private copy) remain', () => {
    const t = new Table();
    t.start();
    for (let i = 0; i < 5; i += 1) t.nextPhase();
    expect(t.session.status).toBe('ended');
    expect(t.no(ANNA, { kind: 'leave' })).toMatchObject({ key: 'ended' });
    expect(t.no(FACILITATOR, { kind: 'next-phase', phaseId: 'end' }).code).toBe('closed');
    t.ok(PRESENTER, { kind: 'presenter-copy', on: true });
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
  });
});
