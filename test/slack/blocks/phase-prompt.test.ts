import type { Format } from '../../../src/engine/formats/schema';
import type { Session } from '../../../src/engine/session';
import { renderPhasePrompt } from '../../../src/slack/blocks/phase-prompt';
import { renderRoundBoards } from '../../../src/slack/blocks/round-board';
import { ACTIONS, parseAction } from '../../../src/slack/ids';
import {
  FACILITATOR,
  HOSTILE_TEXT,
  MEMBERS,
  NOW,
  PRESENTER,
  aRound,
  aSession,
  actionIds,
  agile,
  allText,
  atPhase,
  collegial,
  elements,
  expectNoRawHostile,
  expectValidMessage,
  inAsyncMode,
  progress,
  prose,
  registry,
  stress,
  withInputs,
  worstText,
} from './fixtures';

function inTips(format: Format = progress, tips = 4): Session {
  let s = atPhase(aSession(format), format, 'usefulness');
  s = withInputs(s, 'tips', 1, MEMBERS.slice(0, tips), (a, n) => `Tip ${n}: try pairing with ${a} on the retro`);
  return s;
}

describe('a rounds phase prompt', () => {
  test('on a call names whose turn it is with the call\'s words, and the consultation\'s with the chosen method\'s button', () => {
    let s = atPhase(aSession(collegial, { settings: { ...aSession(collegial).settings, onCall: true } }), collegial, 'consultation');
    s = { ...s, picks: { method: { items: ['ideas'], at: NOW } }, current: { ...s.current!, round: aRound(s, 1, { U01: 'input' }) } };
    expect(allText(renderPhasePrompt(s, collegial, 'consultation', NOW))).toContain("*It's <@U02>'s turn*: say it aloud, then “Done”, or “I pass”. Then <@U03>, <@U04>, <@U05>.");
    const written = { ...s, settings: { ...s.settings, onCall: false } };
    expect(allText(renderPhasePrompt(written, collegial, 'consultation', NOW))).toContain("*It's <@U02>'s turn*: “Add an idea” or “I pass”.");
    // The moderator's buttons carry the format's role word, on a call as in writing.
    expect(elements(renderPhasePrompt(s, collegial, 'consultation', NOW)).map((e) => (e.text as { text: string }).text)).toEqual([
      'Done',
      'Done, with a note',
      'I pass',
      'Skip turn (moderator)',
      'Next phase (moderator)',
    ]);
  });

  test('names whose turn it is, and who comes next, in a live round', () => {
    let s = atPhase(aSession(progress), progress, 'appreciation', { deadline: NOW + 180_000 });
    s = { ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'input' }) } };
    const prompt = renderPhasePrompt(s, progress, 'appreciation', NOW);
    const text = allText(prompt);
    expect(text).toContain("*It's <@U02>'s turn*: “Give a compliment” or “I pass”. Then <@U03>, <@U04>, <@U05>.");
    expect(text).toContain(`timebox ends <!date^${Math.floor((NOW + 180_000) / 1000)}^{time}`);
    expect(actionIds(prompt)).toEqual([ACTIONS.input, ACTIONS.pass, ACTIONS.skip, ACTIONS.extend, ACTIONS.nextPhase]);
    expect(text).toContain('Give a compliment');
    const pass = elements(prompt).find((e) => e.action_id === ACTIONS.pass)!;
    expect(parseAction(pass.value)).toEqual({ sessionId: 'sess01', seq: 42, phaseId: 'appreciation', round: 1 });
    expectValidMessage(prompt);
  });

  test('in an asynchronous round names who is still awaited and when the round closes, with Close round and More time for the facilitator', () => {
    let s = inAsyncMode(atPhase(aSession(progress), progress, 'tips'));
    const deadline = NOW + 86_400_000;
    s = { ...s, current: { ...s.current!, round: aRound(s, 2, { U01: 'input', U03: 'pass' }, { deadline }) } };
    const prompt = renderPhasePrompt(s, progress, 'tips', NOW);
    expect(allText(prompt)).toContain('Waiting for <@U02>, <@U04>, <@U05> (3 of 5).');
    expect(allText(prompt)).toContain(`round closes <!date^${Math.floor(deadline / 1000)}^`);
    expect(actionIds(prompt)).toEqual([ACTIONS.input, ACTIONS.pass, ACTIONS.closeRound, ACTIONS.extend, ACTIONS.nextPhase]);
  });

  test('after the rounds, waits for the presenter’s answers and offers only Next phase', () => {
    let s = atPhase(aSession(progress), progress, 'factual-questions', { roundsClosed: 2 });
    s = withInputs(s, 'factual-questions', 1, ['U01', 'U02']);
    const prompt = renderPhasePrompt(s, progress, 'factual-questions', NOW);
    expect(allText(prompt)).toContain(`Waiting for <@${PRESENTER}> to answer 2 questions.`);
    expect(actionIds(prompt)).toEqual([ACTIONS.nextPhase]);
  });

  test('once the phase is over, shows its outcome compactly and no buttons', () => {
    let s = atPhase(aSession(progress), progress, 'appreciation');
    s = withInputs(s, 'factual-questions', 1, MEMBERS.slice(0, 5), undefined, () => 'Yes.');
    s = withInputs(s, 'factual-questions', 2, MEMBERS.slice(0, 4), undefined, (_a, n) => (n === 6 ? undefined : 'No.'));
    s = withInputs(s, 'factual-questions', 3, MEMBERS.slice(0, 2), undefined, () => 'Once.');
    const prompt = renderPhasePrompt(s, progress, 'factual-questions', NOW);
    expect(allText(prompt)).toContain('Phase done — 3 rounds, 11 questions, 10 answered.');
    expect(allText(prompt)).not.toContain(progress.phases[1]!.instruction);
    expect(actionIds(prompt)).toEqual([]);
  });

  test('counts its rounds as the board shows them: a closing round of passes is a round', () => {
    let s = atPhase(aSession(progress), progress, 'usefulness');
    s = withInputs(s, 'tips', 1, ['U01', 'U02']);
    s = { ...s, roundLog: { tips: [{ number: 1, pass: ['U03', 'U04', 'U05'] }, { number: 2, pass: MEMBERS.slice(0, 5) }] } };
    expect(allText(renderPhasePrompt(s, progress, 'tips', NOW))).toContain('Phase done — 2 rounds, 2 tips.');
    expect(allText(renderRoundBoards(s, progress, 'tips', NOW)[0]!)).toContain('*Round 2*');
    const none = atPhase(aSession(agile), agile, 'resonance');
    const passes = { ...none, roundLog: { observations: [{ number: 1, pass: MEMBERS.slice(0, 5) }] } };
    expect(allText(renderPhasePrompt(passes, agile, 'observations', NOW))).toContain('Phase done — 1 round, 0 observations.');
  });

  test('the consultation shows the key question and the chosen method, and asks for the method\'s input', () => {
    let s = atPhase(aSession(collegial), collegial, 'consultation');
    s = { ...s, statements: { 'key-question': { text: 'How can I <get> them talking again?', at: NOW } }, picks: { method: { items: ['solution-proposals'], at: NOW } } };
    s = { ...s, current: { ...s.current!, round: aRound(s, 1) } };
    const prompt = renderPhasePrompt(s, collegial, 'consultation', NOW);
    const text = allText(prompt);
    expect(text).toContain(`*Key question* (<@${PRESENTER}>):\n> How can I &lt;get&gt; them talking again?`);
    expect(text).toContain('*Method:* *Solution proposals* — Concrete steps the case giver could take.');
    expect(text).toContain('“Propose a solution” or “I pass”');
    expect(elements(prompt).find((e) => e.action_id === ACTIONS.input)?.text).toMatchObject({ text: 'Propose a solution' });
    expect(text).toContain('Skip turn (moderator)');
    const done = atPhase({ ...s, current: null }, collegial, 'closing');
    const after = withInputs({ ...done, statements: s.statements, picks: s.picks }, 'consultation', 1, ['U01', 'U02', 'U03']);
    expect(allText(renderPhasePrompt(after, collegial, 'consultation', NOW))).toContain('1 round, 3 solution proposals.');
    expectValidMessage(prompt);
  });

  test('focused questions show the observations that resonate, and say no advice', () => {
    let s = atPhase(aSession(agile), agile, 'focused-questions');
    s = withInputs(s, 'observations', 1, ['U01', 'U02'], (a) => `${a} saw your shoulders drop`);
    s = { ...s, picks: { resonance: { items: ['i2'], at: NOW } } };
    s = { ...s, current: { ...s.current!, round: aRound(s, 1) } };
    const text = allText(renderPhasePrompt(s, agile, 'focused-questions', NOW));
    expect(text).toContain(`*Observations that resonate* (<@${PRESENTER}>):\n• *O2* · <@U02>: U02 saw your shoulders drop`);
    expect(text).not.toContain('U01 saw');
    expect(text).toContain('no advice');
  });

  test('on a call, focused questions recall what resonated as the board showed it, and the picks named in the case giver\'s own words', () => {
    let s = atPhase(aSession(agile, { settings: { ...aSession(agile).settings, onCall: true } }), agile, 'focused-questions');
    s = withInputs(s, 'observations', 1, ['U01', 'U02'], (_a, n) => (n === 1 ? 'shoulders <!here>' : ''));
    s = { ...s, inputs: s.inputs.map((i) => ({ ...i, spoken: true as const })) };
    s = { ...s, picks: { resonance: { items: ['i1'], named: 'Priya: the <b>silence</b>', at: NOW } }, current: { ...s.current!, round: aRound(s, 1) } };
    const prompt = renderPhasePrompt(s, agile, 'focused-questions', NOW);
    const text = allText(prompt);
    expect(text).toContain(`*Observations that resonate* (<@${PRESENTER}>):\n• *O1* · <@U01>: _said it aloud_ · note: shoulders &lt;!here&gt;\n_In their own words:_ Priya: the &lt;b&gt;silence&lt;/b&gt;`);
    // Only named in their own words: still recalled.
    const named = { ...s, picks: { resonance: { items: [], named: 'the silence', at: NOW } } };
    expect(allText(renderPhasePrompt(named, agile, 'focused-questions', NOW))).toContain(`*Observations that resonate* (<@${PRESENTER}>):\n_In their own words:_ the silence`);
    expectNoRawHostile(prompt);
    expectValidMessage(prompt);
  });

  test('while the session is paused, says so and offers no buttons', () => {
    let s = inAsyncMode(atPhase(aSession(progress), progress, 'tips'));
    s = { ...s, status: 'paused', current: { ...s.current!, round: aRound(s, 1) } };
    const prompt = renderPhasePrompt(s, progress, 'tips', NOW);
    expect(allText(prompt)).toContain('Paused by the facilitator');
    expect(actionIds(prompt)).toEqual([]);
  });
});

describe('a statement phase prompt', () => {
  test('offers the presenter to write the case or mark it told, and the facilitator to move on', () => {
    const s = atPhase(aSession(progress), progress, 'presentation', { deadline: NOW + 300_000 });
    const prompt = renderPhasePrompt(s, progress, 'presentation', NOW);
    expect(allText(prompt)).toContain(`<@${PRESENTER}> has the floor.`);
    expect(allText(prompt)).toContain('Write your case (case presenter)');
    expect(actionIds(prompt)).toEqual([ACTIONS.statementWrite, ACTIONS.statementDone, ACTIONS.extend, ACTIONS.nextPhase]);
  });

  test('shows the written case to the group, escaped, with an edit button instead of Done', () => {
    let s = atPhase(aSession(progress), progress, 'presentation');
    s = { ...s, statements: { presentation: { text: HOSTILE_TEXT, at: NOW } } };
    const prompt = renderPhasePrompt(s, progress, 'presentation', NOW);
    expect(allText(prompt)).toContain('&lt;!channel&gt;');
    expectNoRawHostile(prompt);
    expect(allText(prompt)).toContain('Edit what you wrote (case presenter)');
    expect(actionIds(prompt)).not.toContain(ACTIONS.statementDone);
  });

  test('once over, says how the case was given and keeps a written case readable', () => {
    let s = atPhase(aSession(progress), progress, 'factual-questions');
    expect(allText(renderPhasePrompt(s, progress, 'presentation', NOW))).toContain('Phase done — the group moved on.');
    s = { ...s, statements: { presentation: { at: NOW } } };
    expect(allText(renderPhasePrompt(s, progress, 'presentation', NOW))).toContain(`Phase done — <@${PRESENTER}> told it aloud.`);
    s = { ...s, statements: { presentation: { text: 'The team goes quiet.', at: NOW } } };
    const written = renderPhasePrompt(s, progress, 'presentation', NOW);
    expect(allText(written)).toContain(`Phase done — <@${PRESENTER}> wrote it down.`);
    expect(allText(written)).toContain('The team goes quiet.');
    expect(actionIds(written)).toEqual([]);
  });

  test('a required statement (the key question) has no Done: sending it is done', () => {
    const s = atPhase(aSession(collegial), collegial, 'key-question');
    expect(actionIds(renderPhasePrompt(s, collegial, 'key-question', NOW))).not.toContain(ACTIONS.statementDone);
  });
});

describe('an agreement phase prompt', () => {
  test('shows the agreement, who agreed, and an I agree button', () => {
    let s = atPhase(aSession(agile), agile, 'check-in');
    s = { ...s, agreed: ['U01', PRESENTER] };
    const prompt = renderPhasePrompt(s, agile, 'check-in', NOW);
    expect(allText(prompt)).toContain('> What is shared here stays here.');
    expect(allText(prompt)).toContain(`Agreed: <@${PRESENTER}>, <@U01>`);
    expect(allText(prompt)).toContain('Waiting for 5 of 7 to agree.');
    expect(actionIds(prompt)).toEqual([ACTIONS.agree, ACTIONS.nextPhase]);
  });

  test('after a start, where everyone confirmed the agreement before it, waits for nobody', () => {
    const s = atPhase(aSession(agile), agile, 'check-in');
    const text = allText(renderPhasePrompt(s, agile, 'check-in', NOW));
    expect(text).toContain(`Agreed: <@${PRESENTER}>, <@${FACILITATOR}>, <@U01>`);
    expect(text).toContain('Everyone has agreed.');
    expect(text).not.toContain('to agree.');
    const done = allText(renderPhasePrompt(atPhase(aSession(agile), agile, 'case-story'), agile, 'check-in', NOW));
    expect(done).toContain('Phase done — 7 of 7 agreed.');
  });
});

describe('a choice phase prompt', () => {
  test('the presenter’s pick menu lists every tip, each bounded to 75 characters, up to the format’s maximum', () => {
    let s = inTips();
    s = withInputs(s, 'tips', 2, ['U01'], () => prose(500));
    const prompt = renderPhasePrompt(s, progress, 'usefulness', NOW);
    const menu = elements(prompt).find((e) => e.action_id === ACTIONS.pick)!;
    const options = menu.options as Array<{ text: { text: string }; value: string }>;
    expect(options.map((o) => o.value)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    expect(options[0]!.text.text).toBe('T1 · Tip 1: try pairing with U01 on the retro');
    expect(options[4]!.text.text.length).toBe(75);
    expect(options[4]!.text.text.endsWith('…')).toBe(true);
    expect(menu.max_selected_items).toBe(3);
    expect(actionIds(prompt)).toEqual([ACTIONS.pick, ACTIONS.pickSubmit, ACTIONS.nextPhase]);
    expectValidMessage(prompt);
  });

  test('after picking, the picks are shown to the group (escaped) and preselected in the menu', () => {
    let s = inTips();
    s = withInputs(s, 'tips', 2, ['U02'], () => HOSTILE_TEXT);
    s = { ...s, picks: { usefulness: { items: ['i5', 'i2'], at: NOW } } };
    const prompt = renderPhasePrompt(s, progress, 'usefulness', NOW);
    const text = allText(prompt);
    expect(text).toContain(`*<@${PRESENTER}> picked:*`);
    expect(text).toContain('• *T5* · <@U02>: Hi &lt;!channel&gt;');
    expect(text).toContain('• *T2* · <@U02>: Tip 2');
    expectNoRawHostile(prompt);
    const menu = elements(prompt).find((e) => e.action_id === ACTIONS.pick)!;
    expect((menu.initial_options as Array<{ value: string }>).map((o) => o.value)).toEqual(['i2', 'i5']);
  });

  test('a format with a remark offers “What you take away” next to Confirm picks', () => {
    let s = atPhase(aSession(agile), agile, 'resonance');
    s = withInputs(s, 'observations', 1, ['U01', 'U02']);
    const prompt = renderPhasePrompt(s, agile, 'resonance', NOW);
    expect(actionIds(prompt)).toEqual([ACTIONS.pick, ACTIONS.pickSubmit, ACTIONS.remark, ACTIONS.nextPhase]);
    expect(allText(prompt)).toContain('What it opens up for you (case giver)');
    expect(allText(prompt)).toContain('Confirm picks (case giver)');
  });

  test('a choice among fixed options (the consultation method) lists them with their descriptions', () => {
    const s = atPhase(aSession(collegial), collegial, 'method');
    const menu = elements(renderPhasePrompt(s, collegial, 'method', NOW)).find((e) => e.action_id === ACTIONS.pick)!;
    const options = menu.options as Array<{ value: string; description?: { text: string } }>;
    expect(options.map((o) => o.value)).toEqual(['hypotheses', 'ideas', 'headlines', 'sounding-board', 'solution-proposals']);
    expect(options[0]!.description?.text).toContain('Possible explanations');
    expect(menu.max_selected_items).toBe(1);
  });

  test('with nothing to pick from, says so and offers only Next phase', () => {
    const s = atPhase(aSession(progress), progress, 'usefulness');
    const prompt = renderPhasePrompt(s, progress, 'usefulness', NOW);
    expect(allText(prompt)).toContain('There is nothing to pick from');
    expect(actionIds(prompt)).toEqual([ACTIONS.nextPhase]);
    expectValidMessage(prompt);
  });

  test('120 tips (10 rounds of 12) are offered grouped by round, since one list holds at most 100', () => {
    let s = atPhase(aSession(stress, {}, 12), stress, 'picks');
    for (let r = 1; r <= 10; r++) s = withInputs(s, 'tips', r, MEMBERS, () => worstText(2000));
    const prompt = renderPhasePrompt(s, stress, 'picks', NOW);
    const menu = elements(prompt).find((e) => e.action_id === ACTIONS.pick)!;
    const groups = menu.option_groups as Array<{ options: unknown[] }>;
    expect(groups).toHaveLength(10);
    expect(groups.reduce((n, g) => n + g.options.length, 0)).toBe(120);
    expectValidMessage(prompt);
  });
});

describe('an evaluation phase prompt', () => {
  test('asks the presenter first, shows who evaluated but not what, and offers Evaluate', () => {
    let s = atPhase(aSession(progress), progress, 'evaluation');
    const prompt = renderPhasePrompt(s, progress, 'evaluation', NOW);
    expect(allText(prompt)).toContain(`Waiting for <@${PRESENTER}>'s evaluation.`);
    expect(actionIds(prompt)).toEqual([ACTIONS.evaluate, ACTIONS.nextPhase]);
    s = { ...s, evaluations: { evaluation: { [PRESENTER]: { useful: 'yes', what: 'The tips on retros', at: NOW } } } };
    const later = allText(renderPhasePrompt(s, progress, 'evaluation', NOW));
    expect(later).toContain(`Evaluated: <@${PRESENTER}>`);
    expect(later).toContain('Waiting for 5 of 6 evaluations.');
    expect(later).not.toContain('The tips on retros');
  });

  test('after the phase, shows the answers', () => {
    let s = atPhase(aSession(progress), progress, 'end');
    s = { ...s, evaluations: { evaluation: { [PRESENTER]: { useful: 'yes', what: 'The tips <!here>', at: NOW }, U01: { useful: 'partly', at: NOW } } } };
    const prompt = renderPhasePrompt(s, progress, 'evaluation', NOW);
    expect(allText(prompt)).toContain(`<@${PRESENTER}>: *useful* — The tips &lt;!here&gt;`);
    expect(allText(prompt)).toContain('<@U01>: *partly useful*');
    expect(actionIds(prompt)).toEqual([]);
  });
});

describe('the end prompt', () => {
  test('closes the exercise, offers the presenter’s private-copy toggle and the facilitator’s Close', () => {
    const s = atPhase(aSession(progress), progress, 'end');
    const prompt = renderPhasePrompt(s, progress, 'end', NOW);
    expect(allText(prompt)).toContain('The exercise has ended, and the case is not discussed any further.');
    expect(allText(prompt)).toContain('Keep a private copy: on (case presenter)');
    expect(actionIds(prompt)).toEqual([ACTIONS.presenterCopy, ACTIONS.close]);
    const toggle = elements(prompt).find((e) => e.action_id === ACTIONS.presenterCopy)!;
    expect(parseAction(toggle.value)?.op).toBe('off');
    const off = renderPhasePrompt({ ...s, settings: { ...s.settings, presenterCopy: false } }, progress, 'end', NOW);
    expect(allText(off)).toContain('Keep a private copy: off (case presenter)');
  });

  test('each format ends in its own words, said once', () => {
    for (const format of [progress, agile, collegial]) {
      const end = format.phases[format.phases.length - 1]!;
      const text = allText(renderPhasePrompt(atPhase(aSession(format), format, end.id), format, end.id, NOW));
      expect(text.split(end.instruction).length - 1).toBe(1);
      // One end text: the format's own, not a second, generic one under it.
      expect(text.match(/has ended/g)).toHaveLength(1);
      if (format !== progress) expect(text).not.toContain('The exercise has ended');
    }
    const agileEnd = allText(renderPhasePrompt(atPhase(aSession(agile), agile, 'end'), agile, 'end', NOW));
    expect(agileEnd).toContain('Nobody discusses the case with the case giver afterwards.');
    expect(agileEnd).toContain('Keep a private copy: on (case giver)');
    expect(agileEnd).toContain('Close (facilitator)');
    expect(allText(renderPhasePrompt(atPhase(aSession(collegial), collegial, 'end'), collegial, 'end', NOW))).toContain('Close (moderator)');
  });

  test('while closing, shows no buttons', () => {
    const s = { ...atPhase(aSession(progress), progress, 'end'), status: 'closing' as const };
    expect(actionIds(renderPhasePrompt(s, progress, 'end', NOW))).toEqual([]);
  });
});

describe('every prompt stays within Slack’s limits', () => {
  /** A session with the longest everything: 12 members, full rounds, hostile max-length texts, picks and evaluations. */
  function fullSession(format: Format): Session {
    let s = aSession(format, { title: worstText(80) }, 12);
    for (const phase of format.phases) {
      if (phase.kind === 'rounds') {
        const rounds = phase.maxRounds ?? 10;
        for (let r = 1; r <= rounds; r++) {
          s = withInputs(s, phase.id, r, MEMBERS, () => worstText(phase.input.maxLength), phase.answerable ? () => worstText(500) : undefined);
          s = { ...s, inputs: s.inputs.map((i) => ({ ...i, clarification: { askedAt: NOW, text: worstText(500), at: NOW } })) };
        }
      }
      if (phase.kind === 'statement') s = { ...s, statements: { ...s.statements, [phase.id]: { text: worstText(phase.maxLength), at: NOW } } };
      if (phase.kind === 'choice') {
        const items = phase.options ? phase.options.slice(0, phase.max).map((o) => o.id) : s.inputs.filter((i) => i.phaseId === phase.fromPhase).slice(0, phase.max).map((i) => i.id);
        s = { ...s, picks: { ...s.picks, [phase.id]: { items, remark: worstText(500), at: NOW } } };
      }
      if (phase.kind === 'evaluation') {
        const all = Object.fromEntries([PRESENTER, ...MEMBERS].map((u) => [u, { useful: 'partly' as const, what: worstText(300), at: NOW }]));
        s = { ...s, evaluations: { ...s.evaluations, [phase.id]: all } };
      }
    }
    return { ...s, agreed: [PRESENTER, ...MEMBERS] };
  }

  const formats = [...registry.list(), stress];
  test.each(formats.map((f) => [f.id, f] as const))('%s: each phase, while current and once done', (_id, format) => {
    const full = fullSession(format);
    for (const [index, phase] of format.phases.entries()) {
      let current = atPhase(full, format, phase.id, { deadline: NOW + 60_000 });
      if (phase.kind === 'rounds') current = { ...current, current: { ...current.current!, round: aRound(current, 10, { U01: 'pass', U02: 'skipped' }) } };
      expectValidMessage(renderPhasePrompt(current, format, phase.id, NOW));
      expectValidMessage(renderPhasePrompt(inAsyncMode(current), format, phase.id, NOW));
      const last = format.phases[format.phases.length - 1]!;
      const after = { ...atPhase(full, format, last.id), phaseIndex: index + 1 };
      expectValidMessage(renderPhasePrompt(after, format, phase.id, NOW));
      expectNoRawHostile(renderPhasePrompt(after, format, phase.id, NOW));
    }
  });
});
