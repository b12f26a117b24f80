/**
 * "No silent closes": a modal submission the bot cannot take is answered in
 * the modal, never closed as if it had been taken. A text longer than its
 * field allows (Slack's client stops most of them at max_length, a changed
 * client does not) is refused under that field with its length and the
 * limit, and what the person wrote stays in the modal. A private_metadata too
 * long to be ours, or a submission that cannot be read at all, is answered on
 * the first field, or, in a modal without one, by a small view saying why.
 * Each changes nothing: no message, no new seq, no phase moved on.
 */
import { randomBytes } from 'node:crypto';
import { formats } from '../../src/engine';
import type { RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import type { EmuView, Json } from '../../dev/emulator';
import { MODAL_FIELDS, NEW_SESSION_FIELDS } from '../../src/slack/blocks';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { CALLBACKS, encodeAction } from '../../src/slack/ids';
import { t } from '../../src/i18n';
import { UNREADABLE_FORM_TEXT } from '../../src/slack/listeners/support/guard';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { answerToForged, openModal, submitForged } from './forge';
import { PLACE, click, createSession, inputField, storedSession, turnOf } from './play';

const format = formats.require('progress-focused');
const presentation = format.phases.find((p): p is StatementPhase => p.id === 'presentation') as StatementPhase;
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice, bob, carol, dave, erin } = PEOPLE;

let bot: TestBot;
let mine = '';

/** The session as stored and how many messages the bot has sent or changed: what a refused submission must not change. */
async function snapshot(): Promise<unknown> {
  const messages = bot.emulator.calls().filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update').length;
  return { session: await storedSession(bot, mine), messages };
}

/** A modal `user` never opened: its callback, metadata and no inputs, as someone could send it. */
function bareModal(user: string, callbackId: string, privateMetadata: string): EmuView {
  return {
    id: `V${randomBytes(4).toString('hex').toUpperCase()}`,
    team_id: DEMO.team,
    type: 'modal',
    user,
    blocks: [],
    private_metadata: privateMetadata,
    callback_id: callbackId,
    external_id: '',
    state: { values: {} },
    hash: 'h',
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: '',
    previous_view_id: null,
    app_id: 'A0INTERV',
    bot_id: 'B0BOT',
    app_installed_team_id: DEMO.team,
  };
}

/** The text of a view the bot answered with (`update`). */
function viewText(view: { blocks?: Array<{ text?: { text?: string } }> } | undefined): string {
  return (view?.blocks ?? []).map((b) => b.text?.text ?? '').join('\n');
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  mine = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], title: 'Long texts' });
  await click(bot, alice, 'Start (facilitator)');
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('a text longer than its field allows', () => {
  it("bob's case of 40,000 characters is refused under it; the modal stays open with his text, nothing is posted, the phase stays", async () => {
    await click(bot, bob, 'Write your case (case presenter)');
    const modal = bot.person(bob).modal();
    const long = 'My team has gone quiet in the retros. '.repeat(1100).slice(0, 40_000);
    await modal.fill(presentation.textLabel, long);
    const before = await snapshot();
    const { errors } = await modal.submit();
    await bot.settle();
    expect(errors).toEqual({ [presentation.textLabel]: 'Your text is 40000 characters long; the limit is 3000. Please shorten it.' });
    expect(await snapshot()).toEqual(before);
    expect((await storedSession(bot, mine)).current?.id).toBe(presentation.id);
    const open = openModal(bot, bob);
    expect(open.state.values[MODAL_FIELDS.text]?.[MODAL_FIELDS.text]?.value).toBe(long);
  });

  it('the same modal, shortened to the limit, is taken: the refusal was about the length', async () => {
    const modal = bot.person(bob).modal();
    await modal.fill(presentation.textLabel, 'x'.repeat(3000));
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    expect((await storedSession(bot, mine)).current?.id).toBe(questions.id);
  });

  it("carol's question of 5,000 characters is refused under it, with the limit the modal declares", async () => {
    await click(bot, alice, 'I pass');
    expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
    await click(bot, carol, questions.input.label);
    const modal = bot.person(carol).modal();
    const field = openModal(bot, carol).blocks.find((b) => b.block_id === MODAL_FIELDS.text)?.element as Json;
    expect(field.max_length).toBe(questions.input.maxLength);
    await modal.fill(inputField(questions), '?'.repeat(5000));
    const before = await snapshot();
    const { errors } = await modal.submit();
    await bot.settle();
    expect(errors).toEqual({ [inputField(questions)]: `The ${questions.input.noun.singular} is 5000 characters long; the limit is ${questions.input.maxLength}. Please shorten it.` });
    expect(await snapshot()).toEqual(before);
    expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
  });

  it('an evaluation whose "what specifically" is too long is refused under that text, not under the choice', async () => {
    const seq = (await storedSession(bot, mine)).seq;
    const view: EmuView = {
      ...bareModal(carol, CALLBACKS.evaluate, encodeAction({ sessionId: mine, seq, phaseId: 'evaluation' })),
      blocks: [MODAL_FIELDS.useful, MODAL_FIELDS.what].map((id) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id }, element: { type: 'plain_text_input', action_id: id } })),
      state: {
        values: {
          [MODAL_FIELDS.useful]: { [MODAL_FIELDS.useful]: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Yes' }, value: 'yes' } } },
          [MODAL_FIELDS.what]: { [MODAL_FIELDS.what]: { type: 'plain_text_input', value: 'w'.repeat(301) } },
        },
      },
    };
    const before = await snapshot();
    expect(await submitForged(bot, carol, view)).toEqual({ [MODAL_FIELDS.what]: 'Your answer is 301 characters long; the limit is 300. Please shorten it.' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('a form the bot cannot take as sent', () => {
  it("carol's question with a private_metadata of 4,000 characters asks her, on the field, to use the buttons again", async () => {
    const before = await snapshot();
    const modal = openModal(bot, carol);
    expect(await submitForged(bot, carol, modal, { private_metadata: `${modal.private_metadata}|${'x'.repeat(4000)}` })).toEqual({ [MODAL_FIELDS.text]: t('en', 'replies:formOutOfDate') });
    expect(await snapshot()).toEqual(before);
  });

  it('a field of the wrong kind (a number where Slack sends text) is answered on the field: the form could not be read', async () => {
    const before = await snapshot();
    const modal = openModal(bot, carol);
    const state = { values: { [MODAL_FIELDS.text]: { [MODAL_FIELDS.text]: { type: 'plain_text_input', value: 42 } } } };
    expect(await submitForged(bot, carol, modal, { state })).toEqual({ [MODAL_FIELDS.text]: UNREADABLE_FORM_TEXT });
    expect(await snapshot()).toEqual(before);
  });

  it('a modal without fields (the take-off confirmation) with a private_metadata of 4,000 characters is replaced by a view that says why', async () => {
    const before = await snapshot();
    const answer = await answerToForged(bot, alice, bareModal(alice, CALLBACKS.takeOff, 'y'.repeat(4000)));
    expect(answer !== '' && answer.response_action).toBe('update');
    expect(viewText(answer === '' ? undefined : answer.view)).toBe('This form is out of date. Please use the session card again.');
    expect(await snapshot()).toEqual(before);
  });

  it('the same modal sent by a user id that is not a person\'s cannot be read, and says so instead of closing', async () => {
    const before = await snapshot();
    const answer = await answerToForged(bot, 'system', bareModal('system', CALLBACKS.takeOff, encodeAction({ sessionId: mine, seq: 1 })));
    expect(answer !== '' && answer.response_action).toBe('update');
    expect(viewText(answer === '' ? undefined : answer.view)).toBe(UNREADABLE_FORM_TEXT);
    expect(await snapshot()).toEqual(before);
  });

  it('carol, sending her question as it is, is taken: the refusals above were about what was sent', async () => {
    const modal = bot.person(carol).modal();
    await modal.fill(inputField(questions), 'Since when?');
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    expect((await storedSession(bot, mine)).inputs.map((i) => i.author)).toEqual([carol]);
  });
});

describe('the new-session modal', () => {
  it('a title of 40,000 characters is refused under the title, and no session is made', async () => {
    const before = await bot.store.listByChannel(DEMO.channel);
    await bot.person(erin).command('/intervision', 'new', DEMO.channel);
    await bot.settle();
    const modal = bot.person(erin).modal();
    await modal.pickUsers('Presenter (brings the case)', [dave]);
    await modal.pickUsers('Members', [alice, carol]);
    await modal.fill('Title', 't'.repeat(40_000));
    await modal.select(PLACE.label, PLACE.thread);
    await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
    const field = openModal(bot, erin).blocks.find((b) => b.block_id === NEW_SESSION_FIELDS.title.block)?.element as Json;
    expect(field.max_length).toBe(80);
    const { errors } = await modal.submit();
    expect(errors).toEqual({ Title: 'Please keep the title to 80 characters (it has 40000).' });
    expect(await bot.store.listByChannel(DEMO.channel)).toEqual(before);
    expect(bot.person(dave).read('dm')).not.toContain('tttt');
  });
});
