import { renderCard } from '../../../src/slack/blocks/session-card';
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
  allText,
  atPhase,
  elements,
  expectNoRawHostile,
  expectValidMessage,
  inAsyncMode,
  progress,
  stress,
} from './fixtures';

describe('the session card', () => {
  test('an open session names its format, mode and roles, and offers Join, Leave and Start', () => {
    const card = renderCard(aSession(progress), progress, NOW);
    const text = allText(card);
    expect(text).toContain('Tuesday intervision');
    expect(text).toContain('Progress-focused intervision');
    expect(text).toContain('Live');
    expect(text).toContain(`*Facilitator:* <@${FACILITATOR}>`);
    expect(text).toContain(`*Presenter:* <@${PRESENTER}>`);
    expect(text).toContain('<@U01>, <@U02>');
    expect(actionIds(card)).toEqual([ACTIONS.join, ACTIONS.leave, ACTIONS.start]);
    expect(text).toContain('Start (facilitator)');
    expectValidMessage(card);
  });

  test('a running live session shows the phase, the round, and whose turn it is', () => {
    let s = atPhase(aSession(progress), progress, 'appreciation');
    s = { ...s, current: { ...s.current!, round: aRound(s, 2, { U01: 'input' }) } };
    const text = allText(renderCard(s, progress, NOW));
    expect(text).toContain('Phase 3 of 7: Appreciation · round 2');
    expect(text).toContain("Waiting for <@U02>'s turn");
  });

  test('a running asynchronous session says how many members it waits for and when the round closes', () => {
    let s = atPhase(inAsyncMode(aSession(progress)), progress, 'tips');
    const deadline = NOW + 3_600_000;
    s = { ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'input', U02: 'pass', U03: 'input' }, { deadline }) } };
    const text = allText(renderCard(s, progress, NOW));
    expect(text).toContain(`Waiting for 2 of 5 members, round 1 closes <!date^${Math.floor(deadline / 1000)}^`);
    expect(text).toContain('Asynchronous');
  });

  test('a presenter step says whom it waits for and until when, and stops waiting once done', () => {
    const deadline = NOW + 60_000;
    const s = atPhase(aSession(progress), progress, 'usefulness', { deadline });
    expect(allText(renderCard(s, progress, NOW))).toContain(`Waiting for <@${PRESENTER}> to pick, until <!date^${Math.floor(deadline / 1000)}^{time}`);
    const picked = allText(renderCard({ ...s, picks: { usefulness: { items: ['i1'], at: NOW } } }, progress, NOW));
    expect(picked).toContain(`<@${PRESENTER}> has picked.`);
    expect(picked).not.toContain('until');
  });

  test('a running session offers a late Join, Leave and the facilitator’s Close with a confirm dialog', () => {
    const card = renderCard(atPhase(aSession(progress), progress, 'presentation'), progress, NOW);
    expect(actionIds(card)).toEqual([ACTIONS.join, ACTIONS.leave, ACTIONS.close]);
    const close = elements(card).find((e) => e.action_id === ACTIONS.close)!;
    expect(JSON.stringify(close.confirm)).toContain('Close and delete this session? Everything posted in this session will be deleted.');
    expect(parseAction(close.value)).toEqual({ sessionId: 'sess01', seq: 42 });
  });

  test('a running asynchronous session lets the facilitator pause, and a paused one resume', () => {
    const async = inAsyncMode(aSession(progress));
    const running = atPhase(async, progress, 'tips');
    expect(actionIds(renderCard(running, progress, NOW))).toContain(ACTIONS.pause);
    const paused = renderCard({ ...running, status: 'paused', pausedAt: NOW }, progress, NOW);
    expect(allText(paused)).toContain('Paused by the facilitator');
    expect(actionIds(paused)).toEqual([ACTIONS.leave, ACTIONS.resume, ACTIONS.close]);
  });

  test('an ended session offers only Close', () => {
    const card = renderCard(atPhase(aSession(progress), progress, 'end'), progress, NOW);
    expect(actionIds(card)).toEqual([ACTIONS.close]);
    expect(allText(card)).toContain('The exercise has ended');
  });

  test('a closing session says it is deleting, without buttons', () => {
    const card = renderCard({ ...atPhase(aSession(progress), progress, 'end'), status: 'closing' }, progress, NOW);
    expect(allText(card)).toContain("Closing… deleting the session's content.");
    expect(actionIds(card)).toEqual([]);
  });

  test('a hostile title cannot mention anyone, in the blocks or the notification text', () => {
    const card = renderCard(aSession(progress, { title: HOSTILE_TEXT.slice(0, 80) }), progress, NOW);
    expectNoRawHostile(card);
    expect(card.text).toContain('&lt;!channel&gt;');
    expectValidMessage(card);
  });

  test('twelve members and the longest title and format name stay within Slack’s limits', () => {
    let s = atPhase(aSession(stress, { title: 'T'.repeat(80) }, 12), stress, 'questions');
    s = { ...s, current: { ...s.current!, round: aRound(s, 10, {}), deadline: NOW + 60_000 } };
    const card = renderCard(s, stress, NOW);
    for (const m of MEMBERS) expect(allText(card)).toContain(`<@${m}>`);
    expectValidMessage(card);
  });
});
