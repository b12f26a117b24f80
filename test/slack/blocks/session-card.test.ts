import { renderCard } from '../../../src/slack/blocks/session-card';
import type { Session } from '../../../src/engine/session';
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
  stress,
} from './fixtures';

describe('the session card', () => {
  test('a running session shows the format\'s phases at a glance, the ones done ticked and the current one marked', () => {
    const s = { ...atPhase(aSession(progress), progress, 'appreciation'), status: 'running' as const };
    const line = (session: Session) => String((renderCard(session, progress, NOW).blocks.find((b) => b.block_id === 'card-phases') as { elements: Array<{ text: string }> }).elements[0]?.text);
    expect(line(s)).toBe('✓ Presentation → ✓ Factual questions → *▶ Appreciation* → Tips → Usefulness → Evaluation → End');
    const ended = { ...atPhase(aSession(progress), progress, 'end'), status: 'ended' as const };
    expect(line(ended)).toBe('✓ Presentation → ✓ Factual questions → ✓ Appreciation → ✓ Tips → ✓ Usefulness → ✓ Evaluation → *▶ End*');
    expect(renderCard(aSession(progress), progress, NOW).blocks.some((b) => b.block_id === 'card-phases')).toBe(false);
    const stressed = { ...atPhase(aSession(stress), stress, stress.phases[1]!.id), status: 'running' as const };
    expectValidMessage(renderCard(stressed, stress, NOW));
  });

  test('a session stored before its format gained a phase is shown where it stands, by its phase id', () => {
    // Stored when the closing round was Agile-Intervision's fifth phase (index 4); focused questions now come before it.
    const s = { ...atPhase(aSession(agile), agile, 'closing-round'), status: 'running' as const, phaseIndex: 4 };
    const line = String((renderCard(s, agile, NOW).blocks.find((b) => b.block_id === 'card-phases') as { elements: Array<{ text: string }> }).elements[0]?.text);
    expect(line).toBe('✓ Check-in and agreement → ✓ Case story → ✓ Observations → ✓ Resonance → ✓ Focused questions → *▶ Closing round* → End');
  });

  test('a session on a call says so', () => {
    const s = aSession(progress, { settings: { ...aSession(progress).settings, onCall: true } });
    expect(allText(renderCard(s, progress, NOW))).toContain('Live on a call: you talk, I keep the turns and the phases');
  });

  test('an open session names its format, mode and roles, and offers Join, Leave, Start, People and Close', () => {
    const card = renderCard(aSession(progress), progress, NOW);
    const text = allText(card);
    expect(text).toContain('Tuesday intervision');
    expect(text).toContain('Progress-focused intervision');
    expect(text).toContain('Live');
    expect(text).toContain(`*Facilitator:* <@${FACILITATOR}>`);
    expect(text).toContain(`*Case presenter:* <@${PRESENTER}>`);
    expect(text).toContain('<@U01> _(invited)_, <@U02> _(invited)_');
    expect(actionIds(card)).toEqual([ACTIONS.join, ACTIONS.leave, ACTIONS.start, ACTIONS.people, ACTIONS.close]);
    expect(text).toContain('Start (facilitator)');
    expect(text).toContain('People (facilitator)');
    // Closing before the start deletes the card too: it asks first, as it does later.
    const close = elements(card).find((e) => e.action_id === ACTIONS.close)!;
    expect(JSON.stringify(close.confirm)).toContain('Close and delete this session?');
    expectValidMessage(card);
  });

  test('before the start, each person is marked agreed (✓) or invited, with a legend', () => {
    const s = aSession(progress, { agreed: [FACILITATOR, 'U01', 'U03'] });
    const text = allText(renderCard(s, progress, NOW));
    expect(text).toContain(`*Facilitator:* <@${FACILITATOR}> ✓   *Case presenter:* <@${PRESENTER}> _(invited)_`);
    expect(text).toContain('*Team members:* <@U01> ✓, <@U02> _(invited)_, <@U03> ✓, <@U04> _(invited)_, <@U05> _(invited)_');
    expect(text).toContain('✓ confirmed the confidentiality agreement · _invited_: not yet');
    const everyone = allText(renderCard({ ...s, agreed: [FACILITATOR, PRESENTER, ...s.members] }, progress, NOW));
    expect(everyone).not.toContain('_(invited)_');
    expect(everyone).toContain(`*Case presenter:* <@${PRESENTER}> ✓`);
  });

  test('Start counts how many of the people named are ready', () => {
    const label = (s: Session) => {
      const start = elements(renderCard(s, progress, NOW)).find((e) => e.action_id === ACTIONS.start)!;
      return (start.text as { text: string }).text;
    };
    // Presenter, facilitator and five members: seven people.
    expect(label(aSession(progress))).toBe('Start (facilitator) · 0 of 7 ready');
    expect(label(aSession(progress, { agreed: [FACILITATOR, 'U01', 'U03'] }))).toBe('Start (facilitator) · 3 of 7 ready');
    const all = aSession(progress);
    expect(label({ ...all, agreed: [FACILITATOR, PRESENTER, ...all.members] })).toBe('Start (facilitator) · 7 of 7 ready');
    // Someone in `agreed` who is no longer named (they left) counts on neither side.
    expect(label(aSession(progress, { agreed: [FACILITATOR, 'U09'] }))).toBe('Start (facilitator) · 1 of 7 ready');
  });

  test('a facilitator who also gives inputs is shown once, on the facilitator line, and counted once', () => {
    const s = aSession(progress, {
      settings: { ...aSession(progress).settings, facilitatorIsMember: true },
      members: [FACILITATOR, 'U01', 'U02'],
      agreed: [FACILITATOR, 'U02'],
    });
    const card = renderCard(s, progress, NOW);
    const text = allText(card);
    expect(text).toContain(`*Facilitator:* <@${FACILITATOR}> ✓ (also one of the team members)   *Case presenter:* <@${PRESENTER}> _(invited)_`);
    expect(text).toContain('*Team members:* <@U01> _(invited)_, <@U02> ✓');
    expect(text.match(new RegExp(`<@${FACILITATOR}>`, 'g'))?.length).toBe(2); // the roles line and the waiting line, not the members
    expect(text).toContain('Start (facilitator) · 2 of 4 ready');
    // A facilitator who only guides is not marked as giving inputs.
    expect(allText(renderCard(aSession(progress), progress, NOW))).not.toContain('(also one of');
  });

  test('speaks each format\'s role words: case giver and observers; case giver, consultants and moderator', () => {
    const agileCard = allText(renderCard(aSession(agile), agile, NOW));
    expect(agileCard).toContain(`*Facilitator:* <@${FACILITATOR}> _(invited)_   *Case giver:* <@${PRESENTER}> _(invited)_`);
    expect(agileCard).toContain('*Observers:* <@U01> _(invited)_');
    const collegialCard = renderCard(aSession(collegial), collegial, NOW);
    expect(allText(collegialCard)).toContain(`*Moderator:* <@${FACILITATOR}> _(invited)_   *Case giver:* <@${PRESENTER}> _(invited)_`);
    expect(allText(collegialCard)).toContain('*Consultants:* <@U01> _(invited)_');
    expect(elements(collegialCard).map((e) => (e.text as { text: string }).text)).toEqual(['Join', 'Leave', 'Start (moderator) · 0 of 7 ready', 'People (moderator)', 'Close (moderator)']);
    for (const format of [progress, agile, collegial]) expect(allText(renderCard(aSession(format), format, NOW))).not.toMatch(/\*(Presenter|Members):\*/);
  });

  test('once ended, says the format\'s own end line, once', () => {
    for (const format of [progress, agile, collegial]) {
      const end = format.phases[format.phases.length - 1]!;
      const s = atPhase(aSession(format), format, end.id);
      const text = allText(renderCard(s, format, NOW));
      expect(end.kind === 'end' && text.split(end.ended).length - 1).toBe(1);
    }
    expect(allText(renderCard(atPhase(aSession(agile), agile, 'end'), agile, NOW))).toContain('Nobody discusses the case with the case giver afterwards.');
    expect(allText(renderCard(atPhase(aSession(collegial), collegial, 'end'), collegial, NOW))).not.toContain('The exercise has ended');
  });

  test('says where the session is held when it matters: a private room, or a thread others can read', () => {
    const room = allText(renderCard(aSession(progress, { room: { origin: 'C0TEAM' }, channel: 'C0ROOM' }), progress, NOW));
    expect(room).toContain('🔒 A private channel just for the participants');
    expect(room).not.toContain('⚠️');
    const open = allText(renderCard(aSession(progress, { openChannel: true }), progress, NOW));
    expect(open).toContain("⚠️ Held in this channel's thread: everyone who can read this channel can read the session.");
    expect(open).not.toContain('🔒');
    const closedChannel = allText(renderCard(aSession(progress), progress, NOW));
    expect(closedChannel).not.toContain('🔒');
    expect(closedChannel).not.toContain('⚠️');
  });

  test('a running live session shows the phase and the round, and leaves whose turn it is to the thread', () => {
    let s = atPhase(aSession(progress), progress, 'appreciation');
    s = { ...s, current: { ...s.current!, round: aRound(s, 2, { U01: 'input' }) } };
    const card = renderCard(s, progress, NOW);
    const text = allText(card);
    expect(text).toContain('Phase 3 of 7: Appreciation · round 2');
    expect(text).toContain('its current step says whose turn it is');
    expect(text).not.toContain("'s turn");
    // The next turn draws the very same card: nothing on it changes until the round or the phase does.
    const next = { ...s, seq: s.seq + 1, current: { ...s.current!, round: aRound(s, 2, { U01: 'input', U02: 'pass' }) } };
    expect(renderCard(next, progress, NOW)).toEqual(card);
  });

  test('a running asynchronous session says how many members it waits for and when the round closes', () => {
    let s = atPhase(inAsyncMode(aSession(progress)), progress, 'tips');
    const deadline = NOW + 3_600_000;
    s = { ...s, current: { ...s.current!, round: aRound(s, 1, { U01: 'input', U02: 'pass', U03: 'input' }, { deadline }) } };
    const text = allText(renderCard(s, progress, NOW));
    expect(text).toContain(`Waiting for 2 of 5 team members, round 1 closes <!date^${Math.floor(deadline / 1000)}^`);
    expect(text).toContain('Asynchronous');
  });

  test('an asynchronous presenter step says whom it waits for and until when, and stops waiting once done', () => {
    const deadline = NOW + 60_000;
    const s = atPhase(inAsyncMode(aSession(progress)), progress, 'usefulness', { deadline });
    expect(allText(renderCard(s, progress, NOW))).toContain(`Waiting for <@${PRESENTER}> to pick, until <!date^${Math.floor(deadline / 1000)}^{date_short_pretty} at {time}`);
    const picked = allText(renderCard({ ...s, picks: { usefulness: { items: ['i1'], at: NOW } } }, progress, NOW));
    expect(picked).toContain(`<@${PRESENTER}> has picked.`);
    expect(picked).not.toContain('until');
  });

  test('a running session has no Join any more: only Leave and the facilitator’s Close with a confirm dialog', () => {
    const s = atPhase(aSession(progress, { agreed: [FACILITATOR, PRESENTER, 'U01'] }), progress, 'presentation');
    const card = renderCard(s, progress, NOW);
    expect(actionIds(card)).toEqual([ACTIONS.leave, ACTIONS.close]);
    expect(actionIds(card)).not.toContain(ACTIONS.join);
    expect(actionIds(card)).not.toContain(ACTIONS.people);
    const close = elements(card).find((e) => e.action_id === ACTIONS.close)!;
    expect(JSON.stringify(close.confirm)).toContain('Close and delete this session? Everything posted in this session will be deleted.');
    // Leave and Close are judged by the session as it is, so a live card's buttons carry no seq and the card is not redrawn per turn.
    expect(parseAction(close.value)).toEqual({ sessionId: 'sess01', seq: 0 });
    // The marks stay, but the legend about joining goes once the circle is closed.
    const text = allText(card);
    expect(text).toContain(`*Facilitator:* <@${FACILITATOR}> ✓`);
    expect(text).not.toContain('_invited_: not yet');
    expect(text).not.toContain('ready');
    // Asynchronous and paused sessions have no Join either.
    const running = atPhase(inAsyncMode(aSession(progress)), progress, 'tips');
    expect(actionIds(renderCard(running, progress, NOW))).not.toContain(ACTIONS.join);
    expect(actionIds(renderCard({ ...running, status: 'paused', pausedAt: NOW }, progress, NOW))).not.toContain(ACTIONS.join);
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
    // Before the start, with every mark, the legend and the place line.
    const open = renderCard(aSession(stress, { title: 'T'.repeat(80), room: { origin: 'C0TEAM' }, agreed: MEMBERS.slice(0, 6) }, 12), stress, NOW);
    for (const m of MEMBERS) expect(allText(open)).toContain(MEMBERS.indexOf(m) < 6 ? `<@${m}> ✓` : `<@${m}> _(invited)_`);
    expect(allText(open)).toContain(`Start (${'F'.repeat(40)}) · 6 of 14 ready`);
    expectValidMessage(open);
  });
});
