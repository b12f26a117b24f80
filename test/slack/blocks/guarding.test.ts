/** What the facilitator's guarding shows: the hide form, the clarification form, and the private notes to the author. */
import { clarifyModal, clarifyRequest, hiddenNote, hideModal } from '../../../src/slack/blocks/guarding';
import { ACTIONS, CALLBACKS, parseAction } from '../../../src/slack/ids';
import { FACILITATOR, HOSTILE_TEXT, NOW, aSession, agile, allText, collegial, elements, expectNoRawHostile, expectValidMessage, expectValidView, progress, roundsPhase, stress, worstText } from './fixtures';
import type { Input } from '../../../src/engine/session';

const ref = { sessionId: 'sess01', seq: 42, phaseId: 'observations', inputId: 'i3' };
const input: Input = { id: 'i3', phaseId: 'observations', round: 1, author: 'U02', text: 'You should just tell them.', at: NOW };

describe('the hide form', () => {
  test('shows what is hidden and offers the format\'s reasons; says who is told', () => {
    const view = hideModal(aSession(agile), agile, input, 'O3', ref);
    expect(view.callback_id).toBe(CALLBACKS.hide);
    expect(parseAction(view.private_metadata)).toEqual(ref);
    expect((view.title as { text: string }).text).toBe('Hide O3?');
    const text = allText(view);
    expect(text).toContain('*O3* · <@U02>:\n> You should just tell them.');
    const reasons = elements(view).find((e) => e.action_id === 'reason')!;
    expect((reasons.options as Array<{ value: string }>).map((o) => o.value)).toEqual(agile.hideReasons.map((r) => r.id));
    expect(text).toContain('Advice dressed as a question');
    expect(text).toContain('the private copy for the case giver');
    expectValidView(view);
  });

  test('stays within Slack\'s limits with the longest input and ten long reasons, and escapes what was written', () => {
    expectValidView(hideModal(aSession(stress), stress, { ...input, text: worstText(2000) }, 'Q99', ref));
    const hostile = hideModal(aSession(progress), progress, { ...input, text: HOSTILE_TEXT }, 'T1', ref);
    expect(JSON.stringify(hostile)).not.toContain('<!channel>');
  });
});

describe('the clarification form', () => {
  test('quotes the author\'s own words and asks for one clarification', () => {
    const view = clarifyModal(aSession(progress), progress, { ...input, text: 'I like how you did it.' }, 'C1', ref);
    expect(view.callback_id).toBe(CALLBACKS.clarify);
    expect(allText(view)).toContain('The facilitator asks you to clarify what you wrote:');
    expect(allText(view)).toContain('I like how you did it.');
    expect(elements(view).find((e) => e.action_id === 'text')).toMatchObject({ type: 'plain_text_input', max_length: 500 });
    expect(allText(clarifyModal(aSession(collegial), collegial, input, 'C1', ref))).toContain('The moderator asks you');
    expectValidView(clarifyModal(aSession(stress), stress, { ...input, text: worstText(2000) }, 'Q99', ref));
  });
});

describe('the private notes to the author', () => {
  test('a hidden input: kind, with the reason, naming the session by its title and the input by its label, never its text', () => {
    const observations = roundsPhase(agile, 'observations');
    const reason = agile.hideReasons.find((r) => r.id === 'advice')!;
    const note = hiddenNote({ ...aSession(agile), title: 'Peer <group>' }, agile, observations, 'O3', reason);
    const text = allText(note);
    expect(text).toContain(`The facilitator (<@${FACILITATOR}>) took *O3*, which you wrote in *Observations* of “Peer &lt;group&gt;”, off the board.`);
    expect(text).toContain(reason.note);
    expect(text).toContain('Only you receive this note.');
    expect(note.text).toBe('The facilitator took something you wrote off the board');
    expectNoRawHostile(note);
    expectValidMessage(note);
    expectValidMessage(hiddenNote(aSession(stress), stress, roundsPhase(stress, 'questions'), 'Q99', stress.hideReasons[9]!));
  });

  test('a clarification asked for: the button opens the form for that input', () => {
    const appreciation = roundsPhase(progress, 'appreciation');
    const note = clarifyRequest(aSession(progress), progress, appreciation, 'C2', 'i2');
    expect(allText(note)).toContain(`The facilitator (<@${FACILITATOR}>) asks you to clarify *C2*, which you wrote in *Appreciation*`);
    const clarify = elements(note).find((e) => e.action_id === ACTIONS.clarify)!;
    expect(clarify.text).toMatchObject({ text: 'Clarify C2' });
    expect(parseAction(clarify.value)).toEqual({ sessionId: 'sess01', seq: 42, phaseId: 'appreciation', inputId: 'i2' });
    expect(allText(clarifyRequest(aSession(collegial), collegial, roundsPhase(collegial, 'consultation'), 'C1', 'i1'))).toContain('The moderator');
    expectValidMessage(note);
  });
});

describe('guarding an input said aloud on a call', () => {
  const spoken: Input = { ...input, text: '', spoken: true };

  test('the forms quote it as the board does, and ask about what was said', () => {
    expect(allText(hideModal(aSession(agile), agile, spoken, 'O3', ref))).toContain('*O3* · <@U02>:\n> _said it aloud_');
    const noted = allText(clarifyModal(aSession(agile), agile, { ...spoken, text: 'lighthouse' }, 'O3', ref));
    expect(noted).toContain('asks you to clarify what you said:');
    expect(noted).toContain('> _said it aloud_ · note: lighthouse');
  });

  test('the notes to its author speak of what they said, never of what they wrote', () => {
    const observations = roundsPhase(agile, 'observations');
    const hidden = hiddenNote(aSession(agile), agile, observations, 'O3', agile.hideReasons[0]!, true);
    expect(hidden.text).toBe('The facilitator took something you said off the board');
    expect(allText(hidden)).toContain('which you said in *Observations*');
    expect(allText(hidden)).not.toContain('wrote');
    const asked = clarifyRequest(aSession(agile), agile, observations, 'O3', 'i3', true);
    expect(allText(asked)).toContain('asks you to clarify *O3*, which you said in *Observations*');
    expect(allText(asked)).not.toContain('wrote');
    expectValidMessage(hidden);
    expectValidMessage(asked);
  });
});
