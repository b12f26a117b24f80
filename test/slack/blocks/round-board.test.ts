import { blockTextLength } from '../../../src/slack/blocks/kit';
import { renderPhasePrompt } from '../../../src/slack/blocks/phase-prompt';
import { renderRoundBoards } from '../../../src/slack/blocks/round-board';
import { ACTIONS, parseAction } from '../../../src/slack/ids';
import {
  HOSTILE_TEXT,
  MEMBERS,
  PRESENTER,
  agile,
  collegial,
  NOW,
  aRound,
  aSession,
  actionIds,
  allText,
  atPhase,
  elements,
  expectNoRawHostile,
  expectValidMessage,
  inAsyncMode,
  progress,
  prose,
  stress,
  withInputs,
  worstText,
} from './fixtures';

describe('the round board on a call', () => {
  /** A session on a call in its factual questions: Q1 said aloud, Q2 said aloud with a (hostile) note, answered aloud. */
  function onCall() {
    let s = atPhase(aSession(progress, { settings: { ...aSession(progress).settings, onCall: true } }), progress, 'factual-questions');
    s = withInputs(s, 'factual-questions', 1, ['U01', 'U02'], (_a, n) => (n === 1 ? '' : HOSTILE_TEXT));
    s = { ...s, inputs: s.inputs.map((i) => ({ ...i, spoken: true as const, ...(i.id === 'i2' ? { answer: { text: '', at: NOW, spoken: true as const } } : {}) })) };
    return { ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'input', U02: 'input' }) } };
  }

  test('shows inputs said aloud, a note escaped, and an answer given aloud', () => {
    const [board] = renderRoundBoards(onCall(), progress, 'factual-questions', NOW);
    const text = allText(board);
    expect(text).toContain('*Q1* · <@U01>: _said it aloud_');
    expect(text).toContain('*Q2* · <@U02>: _said it aloud_ · note: Hi &lt;!channel&gt;');
    expect(text).toContain('↳ _Answered aloud_');
    expectNoRawHostile(board);
    expectValidMessage(board!);
  });

  test('offers the presenter "Answered" (recorded at once), not a modal to write in', () => {
    const [board] = renderRoundBoards(onCall(), progress, 'factual-questions', NOW);
    expect(elements(board).filter((e) => e.action_id === ACTIONS.answered).map((e) => (e.text as { text: string }).text)).toEqual(['Answered Q1 (case presenter)']);
    expect(elements(board).filter((e) => e.action_id === ACTIONS.answer)).toEqual([]);
  });

  test('in focused questions the case giver may mark a question answered aloud or pass on it; a pass and a spoken answer read apart', () => {
    let s = atPhase(aSession(agile, { settings: { ...aSession(agile).settings, onCall: true } }), agile, 'focused-questions');
    s = withInputs(s, 'focused-questions', 1, ['U01', 'U02', 'U03'], (_a, n) => (n === 3 ? 'What would you want?' : ''));
    s = {
      ...s,
      inputs: s.inputs.map((i) => ({
        ...i,
        spoken: true as const,
        ...(i.id === 'i1' ? { answer: { at: NOW } } : i.id === 'i2' ? { answer: { text: '', at: NOW, spoken: true as const } } : {}),
      })),
    };
    const [board] = renderRoundBoards({ ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'input', U02: 'input', U03: 'input' }) } }, agile, 'focused-questions', NOW);
    const text = allText(board);
    expect(text).toContain(`*Q1* · <@U01>: _said it aloud_\n↳ _<@${PRESENTER}> passed on it._`);
    expect(text).toContain('*Q2* · <@U02>: _said it aloud_\n↳ _Answered aloud_');
    expect(elements(board).filter((e) => e.action_id === ACTIONS.answered || e.action_id === ACTIONS.answerPass).map((e) => (e.text as { text: string }).text)).toEqual([
      'Answered Q3 (case giver)',
      'Pass on Q3 (case giver)',
    ]);
    // Its author may change the note of what they said; the facilitator may ask them to clarify it, or hide it.
    const menu = elements(board).find((e) => e.action_id === ACTIONS.inputMenu && parseAction(String((e.options as Array<{ value: string }>)[0]?.value))?.inputId === 'i3');
    expect((menu?.options as Array<{ text: { text: string } }>).map((o) => o.text.text)).toEqual(['Edit my note (yours only)', 'Withdraw (yours only)', 'Ask to clarify (facilitator)', 'Hide (facilitator)']);
    expectValidMessage(board!);
  });

  test('a spoken input the facilitator hid leaves the board; one they asked about shows its clarification under “said it aloud”', () => {
    let s = atPhase(aSession(progress, { settings: { ...aSession(progress).settings, onCall: true } }), progress, 'tips');
    s = withInputs(s, 'tips', 1, ['U01', 'U02'], () => '');
    s = {
      ...s,
      inputs: s.inputs.map((i) => ({
        ...i,
        spoken: true as const,
        ...(i.id === 'i1' ? { hidden: { at: NOW, reason: 'judgement' } } : { clarification: { askedAt: NOW, text: 'Ask <!here> one by one.', at: NOW } }),
      })),
    };
    const [board] = renderRoundBoards(s, progress, 'tips', NOW);
    const text = allText(board);
    expect(text).not.toContain('<@U01>');
    expect(text).toContain('*T2* · <@U02>: _said it aloud_\n↳ *Clarification:* Ask &lt;!here&gt; one by one.');
    expectNoRawHostile(board);
  });

  test('its prompt offers Done, Done with a note and I pass, and says to speak', () => {
    const prompt = renderPhasePrompt(onCall(), progress, 'factual-questions', NOW);
    expect(actionIds(prompt).slice(0, 3)).toEqual([ACTIONS.done, ACTIONS.input, ACTIONS.pass]);
    // The facilitator's buttons name the format's role.
    expect(elements(prompt).map((e) => (e.text as { text: string }).text)).toContain('Skip turn (facilitator)');
    expectValidMessage(prompt);
  });
});

describe('the round board', () => {
  test('lists the inputs by round, numbered, with their authors and the presenter’s answers', () => {
    let s = atPhase(aSession(progress), progress, 'factual-questions');
    s = withInputs(s, 'factual-questions', 1, ['U01', 'U02'], (a) => `What did ${a} see?`, (_a, n) => (n === 1 ? 'A quiet team.' : undefined));
    s = withInputs(s, 'factual-questions', 2, ['U03']);
    s = { ...s, current: { ...s.current!, roundsClosed: 1, round: aRound(s, 2, { U03: 'input', U04: 'pass', U05: 'pass' }) } };
    const [board, ...more] = renderRoundBoards(s, progress, 'factual-questions', NOW);
    expect(more).toEqual([]);
    const text = allText(board);
    expect(text).toContain('*Round 1* · 2 questions');
    expect(text).toContain('*Q1* · <@U01>: What did U01 see?\n↳ *Answer:* A quiet team.');
    expect(text).toContain('*Q2* · <@U02>: What did U02 see?');
    expect(text).toContain('*Round 2* · 1 question · in progress');
    expect(text).toContain('*Q3* · <@U03>: Input 3 from U03');
    expect(text).toContain('Passed: <@U04>, <@U05>');
    expect(text.indexOf('Q1')).toBeLessThan(text.indexOf('Round 2'));
    expectValidMessage(board!);
  });

  test('offers the presenter an Answer button on each unanswered question', () => {
    let s = atPhase(aSession(progress), progress, 'factual-questions');
    s = withInputs(s, 'factual-questions', 1, ['U01', 'U02'], undefined, (_a, n) => (n === 1 ? 'Yes.' : undefined));
    const [board] = renderRoundBoards(s, progress, 'factual-questions', NOW);
    const answers = elements(board).filter((e) => e.action_id === ACTIONS.answer);
    expect(answers).toHaveLength(1);
    expect(parseAction(answers[0]!.value)).toMatchObject({ inputId: 'i2', phaseId: 'factual-questions' });
    expect(allText(board)).toContain('Answer Q2 (case presenter)');
  });

  test('offers Edit / Withdraw to the author while the round is open, Ask to clarify / Hide to the facilitator while the session runs', () => {
    let s = atPhase(aSession(progress), progress, 'tips');
    s = withInputs(s, 'tips', 1, ['U01', 'U02']);
    s = withInputs(s, 'tips', 2, ['U01']);
    s = { ...s, current: { ...s.current!, roundsClosed: 1, round: aRound(s, 2, { U01: 'input' }) } };
    const [board] = renderRoundBoards(s, progress, 'tips', NOW);
    const menus = elements(board).filter((e) => e.action_id === ACTIONS.inputMenu);
    const texts = (menu: (typeof menus)[number]) => (menu.options as Array<{ text: { text: string } }>).map((o) => o.text.text);
    expect(menus.map(texts)).toEqual([
      ['Ask to clarify (facilitator)', 'Hide (facilitator)'],
      ['Ask to clarify (facilitator)', 'Hide (facilitator)'],
      ['Edit (yours only)', 'Withdraw (yours only)', 'Ask to clarify (facilitator)', 'Hide (facilitator)'],
    ]);
    expect((menus[2]!.options as Array<{ value: string }>).map((o) => parseAction(o.value))).toEqual([
      { sessionId: 'sess01', seq: 42, inputId: 'i3', op: 'edit' },
      { sessionId: 'sess01', seq: 42, inputId: 'i3', op: 'withdraw' },
      { sessionId: 'sess01', seq: 42, inputId: 'i3', op: 'ask' },
      { sessionId: 'sess01', seq: 42, inputId: 'i3', op: 'hide' },
    ]);
    // Once the phase is over, the facilitator may still guard what was written; once the session has ended, nobody.
    const later = renderRoundBoards(atPhase(s, progress, 'usefulness'), progress, 'tips', NOW);
    expect(elements(later[0]).filter((e) => e.action_id === ACTIONS.inputMenu).map(texts)).toEqual(Array(3).fill(['Ask to clarify (facilitator)', 'Hide (facilitator)']));
    expect(actionIds(renderRoundBoards(atPhase(s, progress, 'end'), progress, 'tips', NOW))).toEqual([]);
    expectValidMessage(board!);
  });

  test('a hidden input leaves the board, and the others keep their labels', () => {
    let s = atPhase(aSession(progress), progress, 'factual-questions');
    s = withInputs(s, 'factual-questions', 1, ['U01', 'U02', 'U03'], (a) => `Question from ${a}?`);
    s = { ...s, inputs: s.inputs.map((i) => (i.id === 'i2' ? { ...i, hidden: { at: NOW, reason: 'suggestive' } } : i)) };
    const text = allText(renderRoundBoards(s, progress, 'factual-questions', NOW)[0]!);
    expect(text).not.toContain('Question from U02');
    expect(text).toContain('*Q1* · <@U01>');
    expect(text).toContain('*Q3* · <@U03>');
    expect(text).toContain('*Round 1* · 2 questions');
    expect(text).not.toContain('Answer Q2');
  });

  test('a clarification asked for shows under the input with its button; once given, the clarification itself', () => {
    let s = atPhase(aSession(progress), progress, 'appreciation');
    s = withInputs(s, 'appreciation', 1, ['U01'], () => 'I like how you did it.');
    const asked = { ...s, inputs: s.inputs.map((i) => ({ ...i, clarification: { askedAt: NOW } })) };
    const [board] = renderRoundBoards(asked, progress, 'appreciation', NOW);
    expect(allText(board)).toContain('↳ _The facilitator asked <@U01> to clarify._');
    const clarify = elements(board).find((e) => e.action_id === ACTIONS.clarify)!;
    expect(clarify.text).toMatchObject({ text: 'Clarify C1' });
    expect(parseAction(clarify.value)).toMatchObject({ inputId: 'i1', phaseId: 'appreciation' });
    const given = { ...s, inputs: s.inputs.map((i) => ({ ...i, clarification: { askedAt: NOW, text: 'That you <asked> first.', at: NOW } })) };
    const text = allText(renderRoundBoards(given, progress, 'appreciation', NOW)[0]!);
    expect(text).toContain('I like how you did it.\n↳ *Clarification:* That you &lt;asked&gt; first.');
    expect(actionIds(renderRoundBoards(given, progress, 'appreciation', NOW))).not.toContain(ACTIONS.clarify);
  });

  test('focused questions: the case giver answers or passes on each; a pass shows as such', () => {
    let s = atPhase(aSession(agile), agile, 'focused-questions');
    s = withInputs(s, 'focused-questions', 1, ['U01', 'U02'], undefined, (_a, n) => (n === 1 ? 'Relief.' : undefined));
    s = { ...s, inputs: [...s.inputs, { id: 'i3', phaseId: 'focused-questions', round: 1, author: 'U03', text: 'And then?', at: NOW, answer: { at: NOW } }] };
    const [board] = renderRoundBoards(s, agile, 'focused-questions', NOW);
    const labels = elements(board).filter((e) => e.action_id === ACTIONS.answer || e.action_id === ACTIONS.answerPass).map((e) => (e.text as { text: string }).text);
    expect(labels).toEqual(['Answer Q2 (case giver)', 'Pass on Q2 (case giver)']);
    expect(allText(board)).toContain(`*Q3* · <@U03>: And then?\n↳ _<@${PRESENTER}> passed on it._`);
    // Where passing is not part of the phase, there is only Answer.
    const factual = withInputs(atPhase(aSession(progress), progress, 'factual-questions'), 'factual-questions', 1, ['U01']);
    expect(actionIds(renderRoundBoards(factual, progress, 'factual-questions', NOW))).not.toContain(ACTIONS.answerPass);
  });

  test('a consultation board names its inputs after the chosen method', () => {
    let s = atPhase(aSession(collegial), collegial, 'consultation');
    s = { ...s, picks: { method: { items: ['hypotheses'], at: NOW } } };
    s = withInputs(s, 'consultation', 1, ['U01', 'U02']);
    const text = allText(renderRoundBoards(s, collegial, 'consultation', NOW)[0]!);
    expect(text).toContain('*Round 1* · 2 hypotheses');
    expect(text).toContain('*H1* · <@U01>');
    const empty = atPhase(aSession(collegial), collegial, 'consultation');
    expect(allText(renderRoundBoards({ ...empty, picks: { method: { items: ['ideas'], at: NOW } } }, collegial, 'consultation', NOW)[0]!)).toContain('Ideas: none yet.');
  });

  test('an asynchronous round board hides what was answered until the round closes', () => {
    let s = inAsyncMode(atPhase(aSession(progress), progress, 'tips'));
    s = withInputs(s, 'tips', 1, ['U01'], () => 'Closed-round tip, visible');
    s = withInputs(s, 'tips', 2, ['U02'], () => 'Secret until the round closes');
    s = { ...s, current: { ...s.current!, roundsClosed: 1, round: aRound(s, 2, { U02: 'input', U03: 'pass' }, { deadline: NOW + 3_600_000 }) } };
    const [board] = renderRoundBoards(s, progress, 'tips', NOW);
    const text = allText(board);
    expect(text).toContain('Closed-round tip, visible');
    expect(text).not.toContain('Secret until the round closes');
    expect(text).not.toContain('Passed:');
    expect(text).toContain('Done this round: <@U02>, <@U03> · still to come: <@U01>, <@U04>, <@U05>.');
    // Only what the closed round shows can be guarded: one menu, on the visible tip.
    expect(actionIds(board)).toEqual([ACTIONS.inputMenu]);
    const closed = { ...s, current: { ...s.current!, roundsClosed: 2, round: aRound(s, 3, {}, { deadline: NOW + 7_200_000 }) } };
    expect(allText(renderRoundBoards(closed, progress, 'tips', NOW))).toContain('Secret until the round closes');
  });

  test('the open round lists compactly who passed, was skipped by the facilitator, or gave no answer', () => {
    let s = atPhase(aSession(progress), progress, 'tips');
    s = { ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'timeout', U02: 'skipped', U03: 'pass', U04: 'timeout', U05: 'pass' }) } };
    expect(allText(renderRoundBoards(s, progress, 'tips', NOW))).toContain('Passed: <@U03>, <@U05> · Skipped: <@U02> · No answer: <@U01>, <@U04>');
  });

  test('shows hostile inputs escaped, so nobody is pinged and no link is faked', () => {
    let s = atPhase(aSession(progress), progress, 'tips');
    s = withInputs(s, 'tips', 1, ['U01'], () => HOSTILE_TEXT);
    const [board] = renderRoundBoards(s, progress, 'tips', NOW);
    expectNoRawHostile(board);
    expect(allText(board)).toContain('Hi &lt;!channel&gt; and &lt;@U123&gt; and &lt;https://evil.example|click&gt; and &amp;lt;');
  });

  test('an empty board says nothing has been given yet', () => {
    const s = atPhase(aSession(progress), progress, 'tips');
    const s1 = { ...s, current: { ...s.current!, round: aRound(s, 1) } };
    expect(allText(renderRoundBoards(s1, progress, 'tips', NOW))).toContain('*Round 1* · 0 tips · in progress');
  });

  test('phases that are not rounds, or have not started, have no board', () => {
    const s = atPhase(aSession(progress), progress, 'factual-questions');
    expect(renderRoundBoards(s, progress, 'presentation', NOW)).toEqual([]);
    expect(renderRoundBoards(s, progress, 'tips', NOW)).toEqual([]);
  });
});

describe('long boards continue on further pages', () => {
  test('10 rounds of 12 members’ longest tips page correctly, and every page is within limits', () => {
    let s = atPhase(aSession(stress, {}, 12), stress, 'tips');
    for (let r = 1; r <= 10; r++) s = withInputs(s, 'tips', r, MEMBERS, (a, n) => `${n}:${worstText(1995)}`);
    s = { ...s, current: { ...s.current!, roundsClosed: 9, round: aRound(s, 10, Object.fromEntries(MEMBERS.map((m) => [m, 'input' as const]))) } };
    const pages = renderRoundBoards(s, stress, 'tips', NOW);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expectValidMessage(page);
      expect(page.blocks.length).toBeLessThanOrEqual(50);
      expect(blockTextLength(page.blocks)).toBeLessThanOrEqual(11_000);
    }
    // Every tip appears exactly once, in order, across the pages.
    const seen = pages.flatMap((p) => [...allText(p.blocks).matchAll(/\*T(\d+)\* ·/g)].map((m) => Number(m[1])));
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(allText(pages[1]!)).toContain(`(page 2 of ${pages.length})`);
  });

  test('10 rounds of 12 members’ longest questions, each answered at length, stay within limits', () => {
    let s = atPhase(aSession(stress, {}, 12), stress, 'questions');
    for (let r = 1; r <= 10; r++) s = withInputs(s, 'questions', r, MEMBERS, () => worstText(2000), () => worstText(500));
    const pages = renderRoundBoards(s, stress, 'questions', NOW);
    for (const page of pages) expectValidMessage(page);
  });

  test('many short unanswered questions page by block count (50 per message)', () => {
    let s = atPhase(aSession(stress, {}, 12), stress, 'questions');
    for (let r = 1; r <= 10; r++) s = withInputs(s, 'questions', r, MEMBERS, () => 'Why?');
    const pages = renderRoundBoards(s, stress, 'questions', NOW);
    // 120 questions, each a section and an Answer button, plus 10 round headings: 250 blocks, at most 49 per page after the heading.
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(250 / 49));
    for (const page of pages) expectValidMessage(page);
    expect(elements(pages).filter((e) => e.action_id === ACTIONS.answer)).toHaveLength(120);
  });
});

describe('the thread budget', () => {
  test('a progress-focused session with 6 members and 3 rounds per member phase fits in at most 15 bot messages', () => {
    const members = MEMBERS.slice(0, 6);
    let s = aSession(progress, {}, 6);
    s = { ...s, statements: { presentation: { text: prose(3000), at: NOW } } };
    for (let r = 1; r <= 3; r++) {
      s = withInputs(s, 'factual-questions', r, members, () => prose(300), () => prose(500));
      s = withInputs(s, 'appreciation', r, members, () => prose(500));
      s = withInputs(s, 'tips', r, members, () => prose(500));
    }
    const tips = s.inputs.filter((i) => i.phaseId === 'tips').slice(0, 3).map((i) => i.id);
    s = { ...s, picks: { usefulness: { items: tips, at: NOW } } };
    const ended = atPhase(s, progress, 'end');

    const prompts = progress.phases.map((p) => renderPhasePrompt(ended, progress, p.id, NOW));
    const boards = progress.phases.map((p) => renderRoundBoards(ended, progress, p.id, NOW).length);
    // The arithmetic, with every input at its format's maximum length:
    //   7 prompts (one per phase)
    // + questions: 18 × (300 + 500 answer) ≈ 15,000 characters → 2 pages
    // + appreciation: 18 × 500 ≈ 9,500 characters → 1 page
    // + tips: 18 × 500 ≈ 9,500 characters → 1 page
    // = 11 messages, within the budget of 15.
    expect(prompts).toHaveLength(7);
    expect(boards).toEqual([0, 2, 1, 1, 0, 0, 0]);
    const total = prompts.length + boards.reduce((a, b) => a + b, 0);
    expect(total).toBe(11);
    expect(total).toBeLessThanOrEqual(15);
    for (const p of prompts) expectValidMessage(p);
  });
});

describe('the round board after a round closed', () => {
  test('still shows who passed, was skipped or gave no answer in it', () => {
    let s = atPhase(aSession(progress), progress, 'tips');
    s = withInputs(s, 'tips', 1, ['U02']);
    s = {
      ...s,
      roundLog: { tips: [{ number: 1, pass: ['U01'], skipped: ['U03'], timeout: ['U04'] }] },
      current: { ...s.current!, roundsClosed: 1, round: aRound(s, 2) },
    };
    const text = allText(renderRoundBoards(s, progress, 'tips', NOW));
    expect(text).toContain('Passed: <@U01> · Skipped: <@U03> · No answer: <@U04>');
  });
});
