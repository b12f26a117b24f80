import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formats } from '../../src/engine/formats';
import { loadFormats } from '../support/format-files';
import { type ChoicePhase, type EndPhase, Format, type Noun, type Phase, type RoundsPhase } from '../../src/engine/formats/schema';
import { ANNA, BEN, FACILITATOR, PRESENTER, Table } from './table';

const SHIPPED = join(__dirname, '../../src/engine/formats');

function phase(format: Format, id: string): Phase {
  const found = format.phases.find((p) => p.id === id);
  if (!found) throw new Error(`no phase ${id}`);
  return found;
}

/** A temp folder with copies of the shipped formats (and whatever else a test adds). */
function folderWithShipped(): string {
  const dir = mkdtempSync(join(tmpdir(), 'formats-'));
  for (const file of readdirSync(SHIPPED).filter((name) => name.endsWith('.json'))) copyFileSync(join(SHIPPED, file), join(dir, file));
  return dir;
}

describe('the shipped formats', () => {
  it('load and validate, listed in menu order', () => {
    expect(formats.list().map((f) => f.id)).toEqual(['progress-focused', 'agile-intervision', 'collegial-consultation']);
    expect(formats.get('nope')).toBeUndefined();
    expect(() => formats.require('nope')).toThrow('Unknown format "nope"');
  });

  it('progress-focused follows the seed: presentation, questions, appreciation, tips, usefulness, evaluation, end', () => {
    const f = formats.require('progress-focused');
    expect(f.name).toBe('Progress-focused intervision');
    expect(f.phases.map((p) => `${p.id}:${p.kind}`)).toEqual([
      'presentation:statement',
      'factual-questions:rounds',
      'appreciation:rounds',
      'tips:rounds',
      'usefulness:choice',
      'evaluation:evaluation',
      'end:end',
    ]);
    expect(phase(f, 'presentation')).toMatchObject({ text: 'optional', timebox: { liveMinutes: 5 } });
    expect(f.roles.presenter.singular).toBe('case presenter');
    expect(f.roles.member.plural).toBe('team members');
    expect(phase(f, 'factual-questions')).toMatchObject({ answerable: true, actor: 'members', input: { noun: { singular: 'question' }, label: 'Ask a question' } });
    expect(phase(f, 'appreciation')).toMatchObject({ input: { noun: { singular: 'compliment' }, label: 'Give a compliment' } });
    expect(phase(f, 'appreciation').instruction).toContain('does not respond');
    expect(phase(f, 'tips')).toMatchObject({ input: { noun: { singular: 'tip', plural: 'tips' }, label: 'Give a tip' } });
    expect(phase(f, 'tips').instruction).toContain('does not respond');
    expect(phase(f, 'usefulness')).toMatchObject({ actor: 'presenter', fromPhase: 'tips', min: 1, max: 3 });
    expect(phase(f, 'evaluation')).toMatchObject({
      question: 'Was this process useful to you? What specifically?',
      memberQuestion: 'Was it useful to take part? What specifically?',
      presenterFirst: true,
    });
    // About 20 minutes live.
    const minutes = f.phases.filter((p) => p.kind !== 'end').reduce((sum, p) => sum + p.timebox.liveMinutes, 0);
    expect(minutes).toBe(20);
  });

  it('Agile-Intervision: agreement first, observations without advice, resonance, focused questions, a closing round for everyone', () => {
    const f = formats.require('agile-intervision');
    expect(f.facilitatorIsMemberByDefault).toBe(false);
    expect(f.roles.presenter.singular).toBe('case giver');
    expect(f.roles.member).toMatchObject({ singular: 'observer', indefinite: 'an observer', definitePlural: 'the observers' });
    expect(f.phases.map((p) => p.id)).toEqual(['check-in', 'case-story', 'observations', 'resonance', 'focused-questions', 'closing-round', 'end']);
    expect(phase(f, 'check-in')).toMatchObject({ kind: 'agreement', actor: 'everyone' });
    expect(phase(f, 'observations')).toMatchObject({ actor: 'members', maxRounds: 2, input: { noun: { singular: 'observation', indefinite: 'an observation' }, label: 'Share an observation' } });
    const input = (phase(f, 'observations') as RoundsPhase).input;
    // What the guide says people observe, and what is offered with care.
    for (const word of ['facts', 'feelings', 'body language', 'pauses and pace', 'what was not said', 'an image or metaphor', 'with care', 'No advice, no opinions, no assumptions']) {
      expect(input.hint).toContain(word);
    }
    expect(input.hint).toMatch(/impact on you, what was not said and images with care/);
    // Written down, body language, pauses and pace cannot be observed.
    for (const word of ['facts', 'feelings', 'what was not said', 'an image or metaphor', 'with care', 'No advice']) expect(input.asyncHint).toContain(word);
    for (const word of ['body language', 'pauses', 'pace', 'tone']) expect(input.asyncHint).not.toContain(word);
    expect(phase(f, 'resonance')).toMatchObject({ kind: 'choice', fromPhase: 'observations', min: 1, max: 3 });
    const focused = phase(f, 'focused-questions') as RoundsPhase;
    expect(focused).toMatchObject({ actor: 'members', answerable: true, answerPass: true, recall: ['resonance'], input: { noun: { singular: 'question' } } });
    expect(focused.input.hint).toContain('No advice');
    expect(focused.instruction).toContain('no advice');
    expect(phase(f, 'closing-round')).toMatchObject({ actor: 'everyone', maxRounds: 1, input: { noun: { singular: 'take-away', indefinite: 'a take-away' } } });
    expect(phase(f, 'closing-round').instruction).toContain('the facilitator included');
    const minutes = f.phases.filter((p) => p.kind !== 'end').reduce((sum, p) => sum + p.timebox.liveMinutes, 0);
    expect(minutes).toBe(45);
  });

  it('collegial consultation: comprehension rounds, key question, a method that names the input, consultation, closing, sharing', () => {
    const f = formats.require('collegial-consultation');
    expect(f.roles).toMatchObject({ presenter: { singular: 'case giver' }, member: { plural: 'consultants' }, facilitator: { singular: 'moderator' } });
    expect(f.phases.map((p) => p.id)).toEqual(['case-story', 'comprehension-questions', 'key-question', 'method', 'consultation', 'closing', 'sharing', 'end']);
    // Until a round of passes, as factual questions run; the format caps them at three.
    expect(phase(f, 'comprehension-questions')).toMatchObject({ answerable: true, maxRounds: 3 });
    expect(phase(f, 'key-question')).toMatchObject({ kind: 'statement', text: 'required' });
    const method = phase(f, 'method') as ChoicePhase;
    expect(method.options?.map((o) => o.id)).toEqual(['hypotheses', 'ideas', 'headlines', 'sounding-board', 'solution-proposals']);
    expect(method.options?.map((o) => o.input?.noun.singular)).toEqual(['hypothesis', 'idea', 'headline', 'reaction', 'solution proposal']);
    expect(method.options?.map((o) => o.input?.noun.indefinite)).toEqual(['a hypothesis', 'an idea', 'a headline', 'a reaction', 'a solution proposal']);
    expect(method).toMatchObject({ min: 1, max: 1, noun: { singular: 'method' } });
    expect(phase(f, 'consultation')).toMatchObject({ actor: 'members', recall: ['key-question', 'method'], inputFrom: 'method', input: { noun: { singular: 'contribution' } } });
    expect(phase(f, 'closing')).toMatchObject({ fromPhase: 'consultation', min: 1, max: 10, remarkLabel: 'Your closing words' });
    expect(phase(f, 'sharing')).toMatchObject({ kind: 'rounds', actor: 'members', maxRounds: 1, input: { hint: 'What I take from this for my own practice.' } });
    expect(phase(f, 'sharing').instruction).toContain('optional');
  });

  it('each format has its own end text, and every noun its own article and plural', () => {
    const ended = formats.list().map((f) => f.phases.find((p): p is EndPhase => p.kind === 'end')?.ended);
    expect(new Set(ended).size).toBe(3);
    for (const f of formats.list()) {
      const nouns: Noun[] = [f.roles.presenter, f.roles.facilitator, f.roles.member];
      for (const p of f.phases) {
        if (p.kind === 'rounds') nouns.push(p.input.noun);
        if (p.kind === 'choice') for (const o of p.options ?? []) if (o.input) nouns.push(o.input.noun);
        if (p.kind === 'choice' && p.noun) nouns.push(p.noun);
      }
      for (const n of nouns) {
        expect(n.indefinite).toBe(`${/^[aeio]/.test(n.singular) ? 'an' : 'a'} ${n.singular}`);
        expect(n.definite).toBe(`the ${n.singular}`);
        expect(n.definitePlural).toBe(`the ${n.plural}`);
      }
      expect(f.hideReasons.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('the format schema', () => {
  const base = JSON.parse(readFileSync(join(SHIPPED, 'collegial-consultation.json'), 'utf8')) as { phases: Array<Record<string, unknown>> };
  const problems = (change: (f: typeof base) => void): string => {
    const copy = structuredClone(base);
    change(copy);
    const parsed = Format.safeParse(copy);
    return parsed.success ? '' : parsed.error.issues.map((i) => i.message).join('; ');
  };
  const at = (f: typeof base, id: string): Record<string, unknown> => f.phases.find((p) => p.id === id) ?? {};

  it('accepts the shipped file as it is', () => {
    expect(problems(() => undefined)).toBe('');
  });

  it('refuses a recall of a later phase or of a rounds phase', () => {
    expect(problems((f) => (at(f, 'consultation').recall = ['closing']))).toContain('recall "closing" must name an earlier statement or choice phase');
    expect(problems((f) => (at(f, 'consultation').recall = ['comprehension-questions']))).toContain('must name an earlier statement or choice phase');
  });

  it('refuses input words taken from a choice without options, and passes without answers', () => {
    expect(problems((f) => (at(f, 'sharing').inputFrom = 'closing'))).toContain('inputFrom must name an earlier choice among options');
    expect(problems((f) => (at(f, 'consultation').answerPass = true))).toContain('answerPass needs answerable');
  });

  it('refuses an end phase without its own end text, and hide reasons that share an id', () => {
    expect(problems((f) => delete at(f, 'end').ended)).not.toBe('');
    expect(problems((f) => ((f as { hideReasons?: unknown[] }).hideReasons = [{ id: 'a', label: 'A', note: 'A.' }, { id: 'a', label: 'B', note: 'B.' }]))).toContain('hide reason ids must be unique');
  });

  it('a noun without its article is refused: nothing is guessed', () => {
    expect(problems((f) => ((at(f, 'consultation').input as { noun: unknown }).noun = 'contribution'))).not.toBe('');
  });
});

describe('the shipped formats', () => {
  it('are every format file in the folder: a new file that is not registered fails here', () => {
    const files = readdirSync(SHIPPED).filter((name) => name.endsWith('.json'));
    expect(formats.list().map((f) => `${f.id}.json`).sort()).toEqual(files.sort());
  });
});

describe('loading formats from a folder', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one bad file makes one clear error that names the file and its problems', () => {
    dir = folderWithShipped();
    const broken = JSON.parse(readFileSync(join(SHIPPED, 'progress-focused.json'), 'utf8')) as { id: string; phases: unknown[] };
    broken.id = 'broken';
    broken.phases = broken.phases.slice(0, 3); // no end phase
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'garbled.json'), '{ "id": ');
    let message = '';
    try {
      loadFormats(dir);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('broken.json');
    expect(message).toContain('the last phase must be of kind "end"');
    expect(message).toContain('garbled.json');
    expect(message).toContain('not valid JSON');
    expect(message).not.toContain('agile-intervision.json');
  });

  it('a format whose id does not match its file name is refused', () => {
    dir = mkdtempSync(join(tmpdir(), 'formats-'));
    copyFileSync(join(SHIPPED, 'agile-intervision.json'), join(dir, 'agile.json'));
    expect(() => loadFormats(dir)).toThrow('id "agile-intervision" must match the file name "agile"');
  });

  it('an empty folder is an error, not an empty menu', () => {
    dir = mkdtempSync(join(tmpdir(), 'formats-'));
    expect(() => loadFormats(dir)).toThrow('No format files');
  });

  it('a fourth format is one new data file: it loads beside the others and a session plays through it', () => {
    dir = folderWithShipped();
    copyFileSync(join(__dirname, 'fixtures/fishbowl.json'), join(dir, 'fishbowl.json'));
    const registry = loadFormats(dir);
    expect(registry.list().map((f) => f.id)).toEqual(['fishbowl', 'progress-focused', 'agile-intervision', 'collegial-consultation']);

    const t = new Table({ format: 'fishbowl', registry, members: [ANNA, BEN] });
    // Everyone confirmed the agreement before the start, so its 'promise' step passes at once.
    t.start();
    expect(t.phaseId).toBe('dilemma');
    expect(t.no(PRESENTER, { kind: 'statement', phaseId: 'dilemma' }).code).toBe('invalid');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'dilemma', text: 'Stay or go?' });
    // Everyone is in the bowl, the presenter first and the facilitator last; the presenter answers questions.
    expect(t.session.current?.round?.order).toEqual([PRESENTER, ANNA, BEN, FACILITATOR]);
    t.input(PRESENTER, 'What am I afraid of?');
    t.input(ANNA, 'What would your future self say?');
    t.pass(BEN);
    t.pass(FACILITATOR);
    t.pass(PRESENTER);
    t.input(ANNA, 'Who would miss you?');
    t.input(BEN, 'What do you owe whom?');
    t.pass(FACILITATOR);
    // Two rounds at most; three questions wait for answers.
    expect(t.session.current?.round).toBeUndefined();
    for (const id of t.inputIds('bowl')) t.ok(PRESENTER, { kind: 'answer', inputId: id, text: 'Noted.' });
    expect(t.phaseId).toBe('direction');
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'direction', items: ['north'] })).toMatchObject({ key: 'pickExactly', params: { count: 2, noun: { pick: 'direction' } } });
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'direction', items: ['north', 'east'], remark: 'Cold and new.' });
    // A format without role words speaks of the presenter, the facilitator and the members.
    expect(t.no(ANNA, { kind: 'pick', phaseId: 'direction', items: ['north', 'east'] })).toMatchObject({ key: 'onlyPresenter.pick' });
    // Feedback in any order: the presenter is not first here.
    expect(t.phaseId).toBe('feedback');
    t.ok(BEN, { kind: 'evaluate', phaseId: 'feedback', useful: 'yes' });
    t.ok(ANNA, { kind: 'evaluate', phaseId: 'feedback', useful: 'partly' });
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'feedback', useful: 'yes' });
    expect(t.session.status).toBe('ended');
  });
});
