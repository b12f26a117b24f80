/**
 * "How you meet" as the submission reads it: the way chosen decides the
 * session's settings; a form opened before the choice redrew the form (an
 * older release, the choice under the action id 'mode') still gets what it asked for.
 */
import { CREATOR_AGREEMENT } from '../../../src/slack/blocks/new-session-modal';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { closeSetUpView } from '../../support/form-problems';
import { PLACE } from '../../e2e/play';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('a form whose choice is under the old action id still creates an asynchronous session', async () => {
  const alice = bot.person(PEOPLE.alice);
  await alice.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = alice.modal();
  await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
  await modal.pickUsers('Members', [PEOPLE.carol, PEOPLE.dave]);
  await modal.fill('Title', 'Drawn before');
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  // As a client holding the form of an older release would send it: the radio's action id was 'mode'.
  const radio = modal.view.blocks.find((b) => b.block_id === 'mode')?.element as { action_id: string } | undefined;
  if (!radio) throw new Error('no "How you meet"');
  radio.action_id = 'mode';
  modal.view.state.values.mode = { mode: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Asynchronous' }, value: 'async' } } };
  expect((await modal.submit()).errors).toBeUndefined();
  await bot.settle();
  await closeSetUpView(modal);
  const session = await bot.store.load(await bot.sessionId());
  expect(session?.settings).toMatchObject({ mode: 'async', roundWindowHours: 24 });
  expect(session?.settings.onCall).toBeUndefined();
});
