import { invitationDm, renderPointer } from '../../../src/slack/blocks/circle';
import type { NoticeKind, Session } from '../../../src/engine/session';
import {
  closeNote,
  helpMessage,
  idleClosedDm,
  listMessage,
  notice,
  presenterCopy,
  presenterReminderDm,
  reminderDm,
  reminderOverDm,
  reminderTakenDm,
  turnNote,
  turnOverDm,
  yourTurnDm,
} from '../../../src/slack/blocks';
import { ACTIONS, parseAction } from '../../../src/slack/ids';
import {
  HOSTILE_TEXT,
  MEMBERS,
  NOW,
  PRESENTER,
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
  roundsPhase,
  stress,
  withInputs,
  worstText,
} from './fixtures';

/** A progress-focused session at its end, with a case, questions and answers, tips, picks and evaluations. */
function finished(): Session {
  let s = aSession(progress);
  s = { ...s, statements: { presentation: { text: 'My team goes quiet in retros.', at: NOW } } };
  s = withInputs(s, 'factual-questions', 1, ['U01'], () => 'How long has this been going on?', () => 'Since March.');
  s = withInputs(s, 'appreciation', 1, ['U02'], () => 'You keep asking the team for feedback.');
  s = withInputs(s, 'tips', 1, ['U03', 'U04'], (_a, n) => (n === 3 ? 'Start with a silent writing round.' : HOSTILE_TEXT));
  s = { ...s, picks: { usefulness: { items: ['i3'], at: NOW } } };
  s = { ...s, evaluations: { evaluation: { [PRESENTER]: { useful: 'yes', what: 'The silent round idea', at: NOW } } } };
  return atPhase(s, progress, 'end');
}

describe('the presenter’s private copy', () => {
  test('holds their case, the questions with their answers, the compliments, the tips and their picks, escaped', () => {
    const pages = presenterCopy(finished(), progress);
    expect(pages).toHaveLength(1);
    const text = allText(pages[0]);
    for (const expected of [
      'My team goes quiet in retros.',
      '*Q1* · <@U01>: How long has this been going on?',
      '↳ *Your answer:* Since March.',
      'You keep asking the team for feedback.',
      'Start with a silent writing round.',
      'Your picks:\n• *T1* · Start with a silent writing round.',
      `<@${PRESENTER}>: *useful* — The silent round idea`,
    ]) {
      expect(text).toContain(expected);
    }
    expectNoRawHostile(pages[0]);
    expectValidMessage(pages[0]!);
  });

  test('on a call it holds what was noted: a clarification counts as noted, a pass reads as one, the rest is counted in the format\'s words', () => {
    let s = aSession(agile, { settings: { ...aSession(agile).settings, onCall: true } });
    s = withInputs(s, 'focused-questions', 1, ['U01', 'U02', 'U03', 'U04'], () => '');
    const spoken = { ...s, inputs: s.inputs.map((i) => ({ ...i, spoken: true as const })) };
    const changed = {
      ...spoken,
      inputs: spoken.inputs.map((i) => {
        if (i.id === 'i1') return { ...i, clarification: { askedAt: NOW, text: 'What you would want, if nobody minded.', at: NOW } };
        if (i.id === 'i2') return { ...i, answer: { at: NOW } };
        if (i.id === 'i3') return { ...i, answer: { text: '', at: NOW, spoken: true as const } };
        return { ...i, hidden: { at: NOW, reason: 'advice' } };
      }),
    };
    const text = allText(presenterCopy(atPhase(changed, agile, 'end'), agile)[0]);
    expect(text).toContain('*Q1* · <@U01>: _said it aloud_\n↳ *Clarification:* What you would want, if nobody minded.');
    // Q2 (passed on) and Q3 (answered aloud) hold nothing in writing; Q4 was hidden and is not counted.
    expect(text).not.toContain('<@U02>');
    expect(text).not.toContain('<@U04>');
    expect(text).toContain('Said aloud and not noted: 2 questions.');
  });

  test('a copy of the longest session continues on further pages, each within limits', () => {
    let s = aSession(stress, {}, 12);
    s = { ...s, statements: { case: { text: worstText(3000), at: NOW } } };
    for (let r = 1; r <= 10; r++) {
      s = withInputs(s, 'questions', r, MEMBERS, () => worstText(2000), () => worstText(500));
      s = withInputs(s, 'tips', r, MEMBERS, () => worstText(2000));
    }
    const pages = presenterCopy(s, stress);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expectValidMessage(page);
    expect(allText(pages[pages.length - 1])).toContain(`(Page ${pages.length} of ${pages.length}.)`);
  });
});

describe('direct messages', () => {
  test('a round reminder is kind, says when the round closes, links the thread and offers the buttons right there', () => {
    let s = atPhase(inAsyncMode(aSession(progress)), progress, 'tips');
    s = { ...s, title: '<!channel> retro' };
    const deadline = NOW + 7_200_000;
    const dm = reminderDm(s, progress, roundsPhase(progress, 'tips'), 2, deadline, 'https://team.slack.com/archives/C0TEAM/p123');
    const text = allText(dm);
    expect(text).toContain(`Round 2 of *Tips* in “&lt;!channel&gt; retro” is open until <!date^${Math.floor(deadline / 1000)}^`);
    expect(text).toContain('<https://team.slack.com/archives/C0TEAM/p123|open the thread>');
    expect(text).toContain('Passing is perfectly fine');
    expect(actionIds(dm)).toEqual([ACTIONS.input, ACTIONS.pass]);
    // Seq 0: input and pass are judged by the round they name, so the DM reads the same while the session moves on.
    expect(parseAction(elements(dm)[1]!.value)).toEqual({ sessionId: 'sess01', seq: 0, phaseId: 'tips', round: 2 });
    expectNoRawHostile(dm);
    expectValidMessage(dm);
  });

  test('“your turn” names the phase and offers to give or pass, or to hear of turns in the thread again', () => {
    const s = atPhase(aSession(progress), progress, 'appreciation');
    const dm = yourTurnDm(s, progress, roundsPhase(progress, 'appreciation'), 1);
    expect(allText(dm)).toContain("It's your turn in *Appreciation* (round 1)");
    expect(actionIds(dm)).toEqual([ACTIONS.input, ACTIONS.pass, ACTIONS.nudgesThread]);
    expectValidMessage(dm);
  });

  test('on a call, “your turn” offers Done, Done with a note, and I pass', () => {
    const s = atPhase(aSession(progress, { settings: { ...aSession(progress).settings, onCall: true } }), progress, 'appreciation');
    const dm = yourTurnDm(s, progress, roundsPhase(progress, 'appreciation'), 1);
    expect(elements(dm).map((e) => (e.text as { text: string }).text)).toEqual(['Done', 'Done, with a note', 'I pass', 'Tell me in the thread instead']);
    expect(actionIds(dm)).toEqual([ACTIONS.done, ACTIONS.input, ACTIONS.pass, ACTIONS.nudgesThread]);
    expect(allText(dm)).toContain('Once you have said it aloud on the call, click Done here (or pass), or open the session thread.');
  });

  test('the turn note in the thread is short: the phase, the round, and a way to hear by direct message instead', () => {
    const s = atPhase(aSession(progress, { title: '<!channel> retro' }), progress, 'tips');
    const note = turnNote(s, roundsPhase(progress, 'tips'), 3);
    expect(note.text).toBe("It's your turn in Tips");
    expect(allText(note)).toContain("It's your turn in *Tips* (round 3).");
    expect(actionIds(note)).toEqual([ACTIONS.nudgesDm]);
    expectValidMessage(note);
  });

  test('a reminder or turn message kept true: taken, or over, without buttons or an “open until”', () => {
    const s = atPhase(inAsyncMode(aSession(progress, { title: '<!channel> retro' })), progress, 'tips');
    const tips = roundsPhase(progress, 'tips');
    const taken = reminderTakenDm(s, tips, 2, NOW + 3_600_000);
    expect(allText(taken)).toContain('You have taken your turn in round 2 of *Tips* in “&lt;!channel&gt; retro”.');
    expect(allText(taken)).toContain(`Round 2 closes <!date^${Math.floor((NOW + 3_600_000) / 1000)}^`);
    const over = reminderOverDm(s, tips, 2);
    expect(allText(over)).toContain('Round 2 of *Tips* in “&lt;!channel&gt; retro” has closed.');
    expect(allText(over)).not.toContain('open until');
    const turnOver = turnOverDm(s, tips, 1);
    expect(allText(turnOver)).toContain('Your turn in *Tips* (round 1)');
    for (const dm of [taken, over, turnOver]) {
      expect(actionIds(dm)).toEqual([]);
      expectNoRawHostile(dm);
      expectValidMessage(dm);
    }
  });

  test('the nudges give the input with its own article, and the chosen method\'s word', () => {
    const agileDm = allText(reminderDm(inAsyncMode(atPhase(aSession(agile), agile, 'observations')), agile, roundsPhase(agile, 'observations'), 1, NOW + 3_600_000));
    expect(agileDm).toContain('you can give an observation or pass right here');
    let s = atPhase(aSession(collegial), collegial, 'consultation');
    s = { ...s, picks: { method: { items: ['ideas'], at: NOW } } };
    const turn = yourTurnDm(s, collegial, roundsPhase(collegial, 'consultation'), 1);
    expect(allText(turn)).toContain('You can give an idea or pass here');
    expect(elements(turn).map((e) => (e.text as { text: string }).text)).toEqual(['Add an idea', 'I pass', 'Tell me in the thread instead']);
  });

  test('the presenter is reminded of their step with the button that fits it', () => {
    const s = atPhase(aSession(collegial), collegial, 'key-question');
    const key = collegial.phases.find((p) => p.id === 'key-question')!;
    const dm = presenterReminderDm(s, collegial, key, NOW + 3_600_000);
    expect(allText(dm)).toContain('*Key question* in “Tuesday intervision” is waiting for you');
    expect(actionIds(dm)).toEqual([ACTIONS.statementWrite]);
    const questions = withInputs(atPhase(aSession(progress), progress, 'factual-questions'), 'factual-questions', 1, ['U01', 'U02']);
    const answers = presenterReminderDm(questions, progress, progress.phases[1]!);
    expect(allText(answers)).toContain('2 questions are waiting for your answer');
    for (const phase of progress.phases) expectValidMessage(presenterReminderDm(questions, progress, phase));
  });

  test('the idle-close message says the session was closed and deleted, without any content', () => {
    const dm = idleClosedDm({ lang: 'en', formatName: 'Agile-Intervision', channel: 'C0TEAM', reason: 'idle' });
    expect(allText(dm)).toContain('An intervision session (Agile-Intervision) in <#C0TEAM> was closed because nothing happened in it for a while.');
    expect(allText(dm)).toContain('Everything posted in it has been deleted');
    expectValidMessage(dm);
  });
});

describe('channel messages', () => {
  test('the note left after close says a session took place, and nothing of its content', () => {
    const date = Date.UTC(2025, 2, 4);
    const note = closeNote({ lang: 'en', formatName: 'Progress-focused', people: 7, date });
    expect(allText(note.blocks)).toBe(
      `An intervision session (Progress-focused, 7 people) took place here on <!date^${date / 1000}^{date_long}|2025-03-04>; its content was deleted when it closed.`,
    );
    expectValidMessage(note);
  });

  test.each<NoticeKind>(['timebox-ending', 'timebox-ended', 'paused', 'resumed', 'member-removed', 'member-left', 'member-joined'])(
    'the %s notice is one calm line',
    (kind) => {
      const s = atPhase(aSession(progress), progress, 'tips', { deadline: NOW + 60_000 });
      const payload = notice(kind, { session: s, format: progress, phaseId: 'tips', user: 'U03', now: NOW });
      expect(payload.blocks).toHaveLength(1);
      expect(payload.text.length).toBeGreaterThan(0);
      expect(payload.text).not.toContain('<@');
      expectValidMessage(payload);
    },
  );

  test('a notice names the phase and the time, or the person', () => {
    const s = atPhase(aSession(progress), progress, 'tips', { deadline: NOW + 60_000 });
    expect(allText(notice('timebox-ending', { session: s, format: progress, phaseId: 'tips', now: NOW }))).toContain(
      `Time is nearly up for *Tips*: the timebox ends <!date^${Math.floor((NOW + 60_000) / 1000)}^{time}`,
    );
    expect(allText(notice('member-joined', { session: s, format: progress, user: 'U07', now: NOW }))).toContain(
      'Welcome, <@U07>! You take part from the next round.',
    );
  });

  test('the list shows each session with its phase and a button to bring its card up', () => {
    const running = atPhase(aSession(progress, { id: 'sessA', title: HOSTILE_TEXT }), progress, 'tips');
    const open = aSession(collegial, { id: 'sessB', title: 'Collegial Friday' });
    const list = listMessage('en', [{ session: running, format: progress }, { session: open, format: collegial }]);
    const text = allText(list);
    expect(text).toContain('Phase 4 of 7: Tips');
    expect(text).toContain('*Collegial Friday* · Collegial consultation · live\nopen for joining');
    expect(elements(list).map((e) => parseAction(e.value)?.sessionId)).toEqual(['sessA', 'sessB']);
    expectNoRawHostile(list);
    expectValidMessage(list);
    expect(allText(listMessage('en', []))).toContain('No intervision sessions in this channel right now.');
  });

  test('a list of 60 sessions stays within one message', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ session: aSession(progress, { id: `s${i}`, title: prose(80) }), format: progress }));
    const list = listMessage('en', many);
    expectValidMessage(list);
    expect(allText(list)).toContain('…and 12 more.');
  });

  test('help says what the bot does, how to start, and the formats one can name', () => {
    const help = helpMessage('en', registry.list());
    expect(allText(help)).toContain('`/intervision` or `/intervision new [format]` – start a session in this channel');
    expect(allText(help)).toContain('everything it posted is deleted');
    expect(allText(help)).toContain('*The formats you can name*');
    for (const format of registry.list()) expect(allText(help)).toContain(`• *${format.name}* – \`/intervision new ${format.id}\` – ${format.summary}`);
    expectValidMessage(help);
  });
});

describe('the invitation and the private room\'s pointer', () => {
  test('an invitation and a private room\'s pointer name the format without an article to guess', () => {
    for (const format of [progress, agile, collegial]) {
      const invitation = allText(invitationDm(aSession(format, { title: 'Peer group' }), format));
      expect(invitation).toContain(`invited you to “Peer group” (${format.name}), held in <#C0TEAM>.`);
      expect(invitation).not.toMatch(/\ba [AEIOU]/);
      expect(allText(renderPointer(aSession(format, { title: 'Peer group', room: { origin: 'C0TEAM' } }), format))).toContain(`“Peer group” (${format.name}): held in a private channel`);
    }
  });
});
