import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formats } from '../../src/engine/formats';
import { loadFormats } from '../support/format-files';
import type { Format, Phase } from '../../src/engine/formats/schema';
import { ANNA, BEN, PRESENTER, Table } from './table';

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
    expect(phase(f, 'factual-questions')).toMatchObject({ answerable: true, actor: 'members', input: { noun: 'question', label: 'Ask a question' } });
    expect(phase(f, 'appreciation')).toMatchObject({ input: { noun: 'compliment', label: 'Give a compliment' } });
    expect(phase(f, 'appreciation').instruction).toContain('does not respond');
    expect(phase(f, 'tips')).toMatchObject({ input: { noun: 'tip', label: 'Give a tip' } });
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

  it('Agile-Intervision: agreement first, observations one or two each without advice, a closing round for everyone', () => {
    const f = formats.require('agile-intervision');
    expect(f.facilitatorIsMemberByDefault).toBe(false);
    expect(f.phases.map((p) => p.id)).toEqual(['check-in', 'case-story', 'observations', 'resonance', 'closing-round', 'end']);
    expect(phase(f, 'check-in')).toMatchObject({ kind: 'agreement', actor: 'everyone' });
    expect(phase(f, 'observations')).toMatchObject({ actor: 'members', maxRounds: 2, input: { noun: 'observation', label: 'Share an observation' } });
    const hint = (phase(f, 'observations') as Extract<Phase, { kind: 'rounds' }>).input.hint;
    for (const word of ['Words', 'tone', 'energy', 'detail', 'impact', 'not said', 'image', 'No advice, no opinions, no assumptions']) {
      expect(hint).toContain(word);
    }
    expect(phase(f, 'resonance')).toMatchObject({ kind: 'choice', fromPhase: 'observations', min: 1, max: 3, remarkLabel: 'What you take away' });
    expect(phase(f, 'closing-round')).toMatchObject({ actor: 'everyone', maxRounds: 1, input: { noun: 'take-away', label: 'Share your take-away' } });
  });

  it('collegial consultation: key question in writing, one method, consultation in rounds, thanks at the close', () => {
    const f = formats.require('collegial-consultation');
    expect(f.phases.map((p) => p.id)).toEqual(['case-story', 'comprehension-questions', 'key-question', 'method', 'consultation', 'closing', 'end']);
    expect(phase(f, 'comprehension-questions')).toMatchObject({ answerable: true, maxRounds: 1 });
    expect(phase(f, 'key-question')).toMatchObject({ kind: 'statement', text: 'required' });
    const method = phase(f, 'method') as Extract<Phase, { kind: 'choice' }>;
    expect(method.options?.map((o) => o.id)).toEqual(['hypotheses', 'ideas', 'headlines', 'sounding-board']);
    expect(method).toMatchObject({ min: 1, max: 1 });
    expect(phase(f, 'consultation')).toMatchObject({ actor: 'members', input: { noun: 'contribution' } });
    expect(phase(f, 'closing')).toMatchObject({ fromPhase: 'consultation', min: 1, max: 3, remarkLabel: 'Your thanks and what helped' });
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
    // Everyone is in the bowl, the presenter first; the presenter answers questions.
    expect(t.session.current?.round?.order).toEqual([PRESENTER, ANNA, BEN]);
    t.input(PRESENTER, 'What am I afraid of?');
    t.input(ANNA, 'What would your future self say?');
    t.pass(BEN);
    t.pass(PRESENTER);
    t.input(ANNA, 'Who would miss you?');
    t.input(BEN, 'What do you owe whom?');
    // Two rounds at most; three questions wait for answers.
    expect(t.session.current?.round).toBeUndefined();
    for (const id of t.inputIds('bowl')) t.ok(PRESENTER, { kind: 'answer', inputId: id, text: 'Noted.' });
    expect(t.phaseId).toBe('direction');
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'direction', items: ['north'] }).reason).toBe('Please pick 2 options.');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'direction', items: ['north', 'east'], remark: 'Cold and new.' });
    // Feedback in any order: the presenter is not first here.
    expect(t.phaseId).toBe('feedback');
    t.ok(BEN, { kind: 'evaluate', phaseId: 'feedback', useful: 'yes' });
    t.ok(ANNA, { kind: 'evaluate', phaseId: 'feedback', useful: 'partly' });
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'feedback', useful: 'yes' });
    expect(t.session.status).toBe('ended');
  });
});
