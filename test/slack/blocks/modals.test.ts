import type { ModalView } from '../../../src/slack/blocks/kit';
import {
  MODAL_FIELDS,
  NEW_SESSION_FIELDS,
  answerModal,
  evaluationModal,
  extendModal,
  inputModal,
  joinModal,
  namedPicksModal,
  newSessionModal,
  remarkModal,
  statementModal,
  timeboxField,
  TITLE_MAX_LENGTH,
} from '../../../src/slack/blocks/modals';
import { ANSWER_MAX, EVALUATION_MAX, REMARK_MAX } from '../../../src/engine/text';
import { CALLBACKS, parseAction, parseNewSessionMeta } from '../../../src/slack/ids';
import { translator } from '../../../src/i18n';
import type { EvaluationPhase, StatementPhase, ChoicePhase } from '../../../src/engine/formats/schema';
import { FACILITATOR, HOSTILE_TEXT, aSession, agile, inAsyncMode, allText, collegial, expectNoRawHostile, expectValidView, progress, registry, roundsPhase, stress, worstText } from './fixtures';

const ref = { sessionId: 'sess01', seq: 42, phaseId: 'tips', round: 2 };
/** A session in English, for the modals drawn with only a phase at hand. */
const S = aSession(progress);
const en = translator('en');

function blockIds(view: ModalView): string[] {
  return view.blocks.map((b) => b.block_id ?? '');
}

function inputBlock(view: ModalView, blockId: string): Record<string, unknown> {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (!block || block.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block as unknown as Record<string, unknown>;
}

function element(view: ModalView, blockId: string): Record<string, unknown> {
  return inputBlock(view, blockId).element as Record<string, unknown>;
}

function phaseOf<K extends string>(kind: K, format = stress) {
  const phase = format.phases.find((p) => p.kind === kind);
  if (!phase) throw new Error(kind);
  return phase;
}

describe('the new-session modal', () => {
  const formats = registry.list();

  test('offers every format with its one-line summary, prefilled with the first', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR });
    const select = element(view, NEW_SESSION_FIELDS.format.block);
    const options = select.options as Array<{ value: string; description: { text: string } }>;
    expect(options.map((o) => o.value)).toEqual(['progress-focused', 'agile-intervision', 'collegial-consultation']);
    expect(options[0]!.description.text).toBe(progress.summary);
    expect((select.initial_option as { value: string }).value).toBe('progress-focused');
    expect(select.action_id).toBe(NEW_SESSION_FIELDS.format.action);
    expect(inputBlock(view, 'format').dispatch_action).toBe(true);
    expectValidView(view);
  });

  test('has a stable, meaningful block for every field, so errors land on the right one', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR });
    const asyncView = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR, mode: 'async' });
    const F = NEW_SESSION_FIELDS;
    const pickerView = newSessionModal(formats, { pickChannel: true, facilitator: FACILITATOR });
    const asyncOnly: string[] = [F.roundWindow.block, F.workingDays.block];
    for (const field of Object.values(F)) {
      const shown = asyncOnly.includes(field.block) ? asyncView : field.block === F.channel.block ? pickerView : view;
      expect(blockIds(shown)).toContain(field.block);
      expect(element(shown, field.block).action_id).toBe(field.action);
    }
    expect(view.callback_id).toBe(CALLBACKS.newSession);
    expect(parseNewSessionMeta(view.private_metadata)).toEqual({ channel: 'C0TEAM' });
    // Opened in a channel, the form has no picker: the session runs where the command was typed.
    expect(blockIds(view)).not.toContain(F.channel.block);
  });

  test('opened from the App Home or the shortcut, it starts with a channel picker: channels only, the current one where Slack knows it', () => {
    const F = NEW_SESSION_FIELDS;
    const view = newSessionModal(formats, { pickChannel: true, facilitator: FACILITATOR });
    expect(blockIds(view)[0]).toBe(F.channel.block);
    expect(element(view, F.channel.block)).toMatchObject({
      type: 'conversations_select',
      filter: { include: ['public', 'private'], exclude_external_shared_channels: true },
      default_to_current_conversation: true,
    });
    expect(parseNewSessionMeta(view.private_metadata)).toEqual({ channel: undefined });
    expectValidView(view);
    // Drawn again (another format, or a problem found), it keeps the channel picked.
    const again = newSessionModal(formats, { pickChannel: true, channel: 'C0OTHER', facilitator: FACILITATOR });
    expect(element(again, F.channel.block).initial_conversation).toBe('C0OTHER');
    expect(element(again, F.channel.block).default_to_current_conversation).toBeUndefined();
    expect(parseNewSessionMeta(again.private_metadata)).toEqual({ channel: undefined });
    expect(() => newSessionModal(formats, { facilitator: FACILITATOR })).toThrow(/channel/);
  });

  test('makes the caller the facilitator and warns that the title is not confidential', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR });
    expect(element(view, 'facilitator').initial_user).toBe(FACILITATOR);
    expect(element(view, 'title').max_length).toBe(80);
    expect(JSON.stringify(inputBlock(view, 'title').hint)).toContain('not confidential');
  });

  test('prefills one timebox per timed phase of the chosen format, and the round window of 24 hours', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR, formatId: 'agile-intervision' });
    expect(blockIds(view).filter((id) => id.startsWith('timebox-'))).toEqual(
      ['case-story', 'observations', 'resonance', 'focused-questions', 'closing-round'].map((p) => timeboxField(p).block),
    );
    expect(element(view, timeboxField('case-story').block).initial_value).toBe('10');
    const asyncView = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR, formatId: 'agile-intervision', mode: 'async' });
    expect(element(asyncView, 'round-window')).toMatchObject({ initial_value: '24', min_value: '1', max_value: '168' });
    expect(element(view, 'facilitator-is-member').initial_options).toBeUndefined();
    const progressView = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR, formatId: 'progress-focused' });
    expect(element(progressView, 'facilitator-is-member').initial_options).toHaveLength(1);
  });

  test('"How you meet" offers writing, a call and asynchronous, and redraws the form when chosen', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR });
    const mode = element(view, NEW_SESSION_FIELDS.mode.block);
    expect((mode.options as Array<{ value: string; text: { text: string } }>).map((o) => [o.value, o.text.text])).toEqual([
      ['live', 'Live, in writing'],
      ['call', 'Live on a call'],
      ['async', 'Asynchronous'],
    ]);
    expect((mode.initial_option as { value: string }).value).toBe('live');
    expect(inputBlock(view, NEW_SESSION_FIELDS.mode.block).dispatch_action).toBe(true);
  });

  test('shows the fields of how the group meets, and only those', () => {
    const shown = (mode: 'live' | 'call' | 'async') => blockIds(newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR, mode }));
    for (const mode of ['live', 'call'] as const) {
      expect(shown(mode)).toContain(timeboxField('presentation').block);
      expect(shown(mode)).not.toContain('round-window');
      expect(shown(mode)).not.toContain('working-days');
    }
    expect(shown('async')).toEqual(expect.arrayContaining(['round-window', 'working-days']));
    expect(shown('async').filter((id) => id.startsWith('timebox'))).toEqual([]);
  });

  test('labels the facilitator-as-member checkbox for what it is', () => {
    const view = newSessionModal(formats, { channel: 'C0TEAM', facilitator: FACILITATOR });
    const block = inputBlock(view, 'facilitator-is-member');
    expect((block.label as { text: string }).text).toBe('The facilitator takes turns too');
    expect(JSON.stringify(block.element)).toContain('The facilitator also gives inputs in the rounds, as a member');
  });

  test('stays within Slack’s limits with the stress format and every field prefilled', () => {
    const view = newSessionModal([...formats, stress], {
      channel: 'C0TEAM',
      facilitator: FACILITATOR,
      formatId: 'stress',
      presenter: 'UPRESENT',
      members: ['U01', 'U02'],
      title: 'x'.repeat(200),
      mode: 'async',
    });
    expectValidView(view);
  });
});

describe('the modals of a session on a call', () => {
  test('"Done, with a note" asks for an optional note to what was said aloud', () => {
    const tips = roundsPhase(progress, 'tips');
    const onCall = aSession(progress, { settings: { ...aSession(progress).settings, onCall: true } });
    const view = inputModal(onCall, progress, tips, ref, undefined, true);
    expect(view.callback_id).toBe(CALLBACKS.input);
    expect((view.title as { text: string }).text).toBe('Done, with a note');
    expect(inputBlock(view, MODAL_FIELDS.text)).toMatchObject({ optional: true, label: { text: 'Your note (optional)' } });
    // The hint names the presenter in the format's words.
    expect(JSON.stringify(inputBlock(view, MODAL_FIELDS.text).hint)).toContain('help the case presenter remember it');
    expect((inputModal(onCall, progress, tips, ref, 'kept', true).title as { text: string }).text).toBe('Edit your note');
    expectValidView(view);
  });

  test('the presenter names the picks in their own words, with the remark the step asks for', () => {
    const resonance = agile.phases.find((p) => p.kind === 'choice') as ChoicePhase;
    const view = namedPicksModal(S, resonance, { sessionId: 'sess01', seq: 42, phaseId: resonance.id });
    expect(view.callback_id).toBe(CALLBACKS.picksNamed);
    expect(blockIds(view)).toEqual(expect.arrayContaining([MODAL_FIELDS.named, MODAL_FIELDS.remark]));
    expect(inputBlock(view, MODAL_FIELDS.named)).toMatchObject({ label: { text: 'The ones that helped most, in your words' } });
    const usefulness = progress.phases.find((p) => p.kind === 'choice') as ChoicePhase;
    expect(blockIds(namedPicksModal(S, usefulness, ref))).not.toContain(MODAL_FIELDS.remark);
    expectValidView(view);
  });
});

describe('the input modal', () => {
  test('asks for one input with the phase’s guidance and its longest length', () => {
    const tips = roundsPhase(progress, 'tips');
    const view = inputModal(aSession(progress), progress, tips, ref);
    expect(view.callback_id).toBe(CALLBACKS.input);
    expect((view.title as { text: string }).text).toBe('Give a tip');
    expect(element(view, MODAL_FIELDS.text)).toMatchObject({ multiline: true, max_length: 500 });
    expect(JSON.stringify(inputBlock(view, MODAL_FIELDS.text).hint)).toContain(tips.input.hint);
    expect(parseAction(view.private_metadata)).toEqual(ref);
    expectValidView(view);
  });

  test('Agile-Intervision\'s observations: what the guide says to observe, and in writing only what can be observed in writing', () => {
    const observations = roundsPhase(agile, 'observations');
    const live = JSON.stringify(inputBlock(inputModal(aSession(agile), agile, observations, ref), MODAL_FIELDS.text).hint);
    for (const word of ['facts', 'feelings', 'body language', 'pauses and pace', 'what was not said', 'an image or metaphor', 'with care']) expect(live).toContain(word);
    const async = JSON.stringify(inputBlock(inputModal(inAsyncMode(aSession(agile)), agile, observations, ref), MODAL_FIELDS.text).hint);
    for (const word of ['facts', 'feelings', 'what was not said', 'an image or metaphor', 'with care']) expect(async).toContain(word);
    for (const word of ['body language', 'pauses', 'pace']) expect(async).not.toContain(word);
    expect(JSON.stringify(inputBlock(inputModal(aSession(agile), agile, observations, ref), MODAL_FIELDS.text).label)).toContain('Observation');
  });

  test('the consultation\'s modal is named after the chosen method and shows the key question', () => {
    const consultation = roundsPhase(collegial, 'consultation');
    const s = { ...aSession(collegial), statements: { 'key-question': { text: 'How can I get them talking?', at: 0 } }, picks: { method: { items: ['hypotheses'], at: 0 } } };
    const view = inputModal(s, collegial, consultation, ref);
    expect((view.title as { text: string }).text).toBe('Offer a hypothesis');
    expect(JSON.stringify(inputBlock(view, MODAL_FIELDS.text).label)).toContain('Hypothesis');
    expect(JSON.stringify(inputBlock(view, MODAL_FIELDS.text).hint)).toContain('possible explanation');
    expect(allText(view)).toContain('How can I get them talking?');
    expect((inputModal(s, collegial, consultation, ref, 'Maybe...').title as { text: string }).text).toBe('Edit: hypothesis');
    expectValidView(view);
  });

  test('with a previous text, becomes the edit modal, prefilled', () => {
    const view = inputModal(aSession(progress), progress, roundsPhase(progress, 'tips'), { sessionId: 'sess01', seq: 42, inputId: 'i3', op: 'edit' }, 'Try a retro');
    expect(view.callback_id).toBe(CALLBACKS.edit);
    expect((view.title as { text: string }).text).toBe('Edit: tip');
    expect(element(view, MODAL_FIELDS.text).initial_value).toBe('Try a retro');
  });

  test('every rounds phase of every format gives a valid modal with a title of at most 24 characters', () => {
    for (const format of [...registry.list(), stress]) {
      for (const phase of format.phases) {
        if (phase.kind !== 'rounds') continue;
        const view = inputModal(aSession(format), format, phase, ref, worstText(phase.input.maxLength));
        expect((view.title as { text: string }).text.length).toBeLessThanOrEqual(24);
        expectValidView(view);
      }
    }
  });
});

describe('the presenter’s modals', () => {
  test('the answer modal quotes the question, escaped', () => {
    const question = { id: 'i3', phaseId: 'factual-questions', round: 1, author: 'U01', text: HOSTILE_TEXT, at: 0 };
    const view = answerModal(S, question, { sessionId: 'sess01', seq: 42, inputId: 'i3' }, 'Q3');
    expect(view.callback_id).toBe(CALLBACKS.answer);
    expect(allText(view)).toContain('*Q3* · <@U01> asked:');
    expectNoRawHostile(view);
    expect(element(view, MODAL_FIELDS.text).max_length).toBe(500);
    expectValidView(answerModal(S, { ...question, text: worstText(2000) }, ref));
  });

  test('the statement modal uses the phase’s label and length', () => {
    const phase = collegial.phases.find((p) => p.id === 'key-question') as StatementPhase;
    const view = statementModal(S, phase, ref);
    expect(view.callback_id).toBe(CALLBACKS.statement);
    expect((view.title as { text: string }).text).toBe('Write your key question');
    expect(element(view, MODAL_FIELDS.text).max_length).toBe(300);
    expectValidView(statementModal(S, phaseOf('statement') as StatementPhase, ref, worstText(3000)));
  });

  test('the evaluation modal asks the presenter their question and members theirs: yes / partly / no, and what specifically', () => {
    const phase = progress.phases.find((p) => p.kind === 'evaluation') as EvaluationPhase;
    const presenter = evaluationModal(S, phase, ref, true);
    const member = evaluationModal(S, phase, ref, false, { useful: 'partly', what: 'The tips', at: 0 });
    expect(JSON.stringify(inputBlock(presenter, MODAL_FIELDS.useful).label)).toContain(phase.question);
    expect(JSON.stringify(inputBlock(member, MODAL_FIELDS.useful).label)).toContain(phase.memberQuestion);
    expect((element(presenter, MODAL_FIELDS.useful).options as Array<{ value: string }>).map((o) => o.value)).toEqual(['yes', 'partly', 'no']);
    expect(inputBlock(presenter, MODAL_FIELDS.what).optional).toBe(true);
    expect(element(presenter, MODAL_FIELDS.what).max_length).toBe(300);
    expect((element(member, MODAL_FIELDS.useful).initial_option as { value: string }).value).toBe('partly');
    expectValidView(presenter);
    expectValidView(evaluationModal(S, phaseOf('evaluation') as EvaluationPhase, ref, false));
  });

  test('the remark modal asks for what the presenter takes away', () => {
    const phase = agile.phases.find((p) => p.kind === 'choice') as ChoicePhase;
    const view = remarkModal(S, phase, ref, 'The image of the bridge');
    expect(view.callback_id).toBe(CALLBACKS.remark);
    expect(JSON.stringify(inputBlock(view, MODAL_FIELDS.remark).label)).toContain('What it opens up for you');
    expectValidView(remarkModal(S, phaseOf('choice') as ChoicePhase, ref, worstText(500)));
  });
});

describe('joining and more time', () => {
  test('the join modal shows the agreement and asks to confirm it', () => {
    const agreement = agile.phases.find((p) => p.kind === 'agreement');
    const view = joinModal(en, agreement?.kind === 'agreement' ? agreement.agreement : '', { sessionId: 'sess01', seq: 42 });
    expect(view.callback_id).toBe(CALLBACKS.join);
    expect(allText(view)).toContain('> What is shared here stays here.');
    expect(inputBlock(view, MODAL_FIELDS.agree).optional).toBeUndefined();
    expectValidView(view);
    expectValidView(joinModal(en, worstText(600), ref));
  });

  test('the extend modal asks how many minutes to add', () => {
    const view = extendModal(en, ref);
    expect(view.callback_id).toBe(CALLBACKS.extend);
    expect(element(view, MODAL_FIELDS.minutes)).toMatchObject({ initial_value: '5', is_decimal_allowed: false });
    expectValidView(view);
  });
});

describe('every text field declares the limit the bot holds it to', () => {
  /** Every plain_text_input of a modal, by block id. */
  function textInputs(view: ModalView): Map<string, Record<string, unknown>> {
    const found = new Map<string, Record<string, unknown>>();
    for (const block of view.blocks) {
      const el = (block as { element?: Record<string, unknown> }).element;
      if (block.type === 'input' && el?.type === 'plain_text_input') found.set(block.block_id ?? '', el);
    }
    return found;
  }

  test("so Slack's client stops a longer text before it is sent, and the limit is the one the engine (or the form's rule) checks", () => {
    const expected: Array<[string, ModalView, Record<string, number>]> = [
      ['new session', newSessionModal(registry.list(), { channel: 'C0TEAM', facilitator: FACILITATOR }), { [NEW_SESSION_FIELDS.title.block]: TITLE_MAX_LENGTH }],
      ['answer', answerModal(S, { id: 'i1', phaseId: 'factual-questions', round: 1, author: 'U01', text: 'Why?', at: 0 }, ref), { [MODAL_FIELDS.text]: ANSWER_MAX }],
    ];
    for (const format of [...registry.list(), stress]) {
      for (const phase of format.phases) {
        if (phase.kind === 'rounds') {
          const session = aSession(format);
          expected.push([`${format.id} ${phase.id} input`, inputModal(session, format, phase, ref), { [MODAL_FIELDS.text]: phase.input.maxLength }]);
          expected.push([`${format.id} ${phase.id} edit`, inputModal(session, format, phase, ref, 'before'), { [MODAL_FIELDS.text]: phase.input.maxLength }]);
          expected.push([`${format.id} ${phase.id} note`, inputModal(session, format, phase, ref, undefined, true), { [MODAL_FIELDS.text]: phase.input.maxLength }]);
        }
        if (phase.kind === 'statement') expected.push([`${format.id} ${phase.id}`, statementModal(S, phase, ref), { [MODAL_FIELDS.text]: phase.maxLength }]);
        if (phase.kind === 'evaluation') expected.push([`${format.id} ${phase.id}`, evaluationModal(S, phase, ref, true), { [MODAL_FIELDS.what]: EVALUATION_MAX }]);
        if (phase.kind === 'choice') expected.push([`${format.id} ${phase.id}`, remarkModal(S, phase, ref), { [MODAL_FIELDS.remark]: REMARK_MAX }]);
      }
    }
    for (const [what, view, limits] of expected) {
      const inputs = textInputs(view);
      expect({ what, fields: [...inputs.keys()].sort() }).toEqual({ what, fields: Object.keys(limits).sort() });
      for (const [block, limit] of Object.entries(limits)) {
        expect({ what, block, max_length: inputs.get(block)?.max_length }).toEqual({ what, block, max_length: limit });
        expect(limit).toBeLessThanOrEqual(3000);
      }
    }
  });
});
