/**
 * A session in German, created by Hanna, whose Slack is in German (de-DE):
 * the form opens in German with German preset; the card, the invitations,
 * the steps and their buttons ("Ich passe"), the refusals and the note left
 * after close are German, for everyone in the session, whatever their own
 * Slack language (Alice's is English). Outside any session each person gets
 * their own language: Hanna's App Home is German and Alice's English (the
 * German session listed in each), Noor (nl-NL) gets Dutch help and a Dutch
 * form from the shortcut, Alice English help.
 */
import { formats } from '../../src/engine';
import { t } from '../../src/i18n';
import { localFormat } from '../../src/i18n/formats';
import { SHORTCUT } from '../../src/slack/ids';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { click, newestEphemeral, promptOf, storedSession, textOf } from './play';

const { hanna: FACILITATOR, alice: PRESENTER, carol, dave, noor } = PEOPLE;
const de = (key: Parameters<typeof t>[1], params?: Record<string, unknown>) => t('de', key, params);
const format = localFormat(formats.require('collegial-consultation'), 'de');
const caseStory = format.phases[0]!;
const questions = format.phases[1]!;

let bot: TestBot;
let sessionId = '';

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

/** A person opens the invitation in their direct messages, reads the agreement and confirms it, in German. */
async function agreeInGerman(user: string): Promise<void> {
  await bot.person(user).click(de('dms:invitation.join'), 'dm');
  await bot.settle();
  const modal = bot.person(user).modal();
  expect(modal.title).toBe(de('modals:join.title'));
  await modal.check(de('modals:join.label'), [de('step:actions.agree')]);
  const { errors } = await modal.submit();
  expect(errors).toBeUndefined();
  await bot.settle();
  await bot.person(user).modal().close();
}

it('the form opens in German for Hanna, with German chosen, and creates a German session', async () => {
  const hanna = bot.person(FACILITATOR);
  await hanna.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = hanna.modal();
  expect(modal.title).toBe('Neue Intervision');
  expect(modal.text()).toContain('Fortschrittsorientierte Intervision');
  await modal.select('Format', 'Kollegiale Beratung');
  await bot.settle();
  await modal.pickUsers('Fallgeber:in (bringt den Fall ein)', [PRESENTER]);
  await modal.pickUsers('Teilnehmende', [carol, dave]);
  await modal.fill('Titel', 'Team Nord');
  await modal.select('Wer die Intervision lesen kann', 'Der Thread dieses Channels');
  await modal.check('Vertraulichkeit', ['Ich stimme zu: Was in dieser Intervision geteilt wird, bleibt in ihr.']);
  const { errors } = await modal.submit();
  expect(errors).toBeUndefined();
  await bot.settle();
  sessionId = await bot.sessionId();
  expect((await storedSession(bot, sessionId)).settings.language).toBe('de');
  await modal.close();
});

it('the card and the invitations are German, for Alice too, whose own Slack is English', async () => {
  const card = textOf(bot.card());
  expect(card).toContain('Intervision: Team Nord (Kollegiale Beratung)');
  expect(card).toContain('*Moderation:*');
  expect(card).toContain('*Fallgeber:in:*');
  expect(card).toContain('*Berater:innen:*');
  expect(card).toContain('Noch nicht gestartet.');
  expect(bot.person(PRESENTER).read('dm')).toContain('hat dich zu „Team Nord“ (Kollegiale Beratung) eingeladen');
  for (const user of [PRESENTER, carol, dave]) await agreeInGerman(user);
  expect(textOf(bot.card())).toContain(`<@${carol}> ✓`);
});

it('the steps speak German: the case story, its buttons, and a German refusal to someone who may not', async () => {
  await click(bot, FACILITATOR, 'Starten (Moderation)');
  const prompt = textOf(promptOf(bot, caseStory));
  expect(prompt).toContain('Fallschilderung');
  expect(prompt).toContain('Phase 1 von 8');
  expect(prompt).toContain('Deinen Fall aufschreiben (Fallgeber:in)');
  await click(bot, carol, 'Fertig (Fallgeber:in)');
  expect(newestEphemeral(bot, carol)).toBe(`Nur <@${PRESENTER}> (Fallgeber:in) schließt diesen Schritt ab.`);
  await click(bot, PRESENTER, 'Fertig (Fallgeber:in)');
});

it('a round has "Ich passe", and someone out of turn hears whose turn it is, in German', async () => {
  const prompt = textOf(promptOf(bot, questions));
  expect(prompt).toContain('Verständnisfragen');
  expect(prompt).toContain(`*<@${carol}> ist dran*: „Frage stellen“ oder „Ich passe“.`);
  await click(bot, dave, 'Ich passe');
  expect(newestEphemeral(bot, dave)).toBe(`<@${carol}> ist dran.`);
  await click(bot, carol, 'Ich passe');
  expect(textOf(promptOf(bot, questions))).toContain(`*<@${dave}> ist dran*`);
});

it('the App Home lists the session in each viewer\'s own language: German for Hanna, English for Alice', async () => {
  await bot.person(FACILITATOR).openHome();
  await bot.person(PRESENTER).openHome();
  await bot.settle();
  const hannas = bot.person(FACILITATOR).read('home');
  expect(hannas).toContain('*Team Nord* · Kollegiale Beratung');
  expect(hannas).toContain('Du: Moderation');
  const alices = bot.person(PRESENTER).read('home');
  expect(alices).toContain('*Team Nord* · Collegial consultation');
  expect(alices).toContain('You: case giver');
});

it('after close, the note left in the channel is German', async () => {
  await click(bot, FACILITATOR, 'Schließen (Moderation)');
  await bot.settle();
  const note = textOf(bot.card());
  expect(note).toContain('eine Intervision statt (Kollegiale Beratung, 4 Personen)');
  expect(note).toContain('ihre Inhalte wurden beim Schließen gelöscht');
  expect(await bot.store.load(sessionId)).toBeNull();
});

it('outside any session each person gets their own language: the App Home in German for Hanna, Dutch help for Noor, English for Alice', async () => {
  await bot.person(FACILITATOR).openHome();
  await bot.settle();
  expect(bot.person(FACILITATOR).read('home')).toContain('*So fängst du an*');
  const helpFor = async (user: string): Promise<string> => {
    const answer = await bot.person(user).command('/intervision', 'help', CHANNEL);
    return JSON.stringify(answer);
  };
  const dutch = await helpFor(noor);
  expect(dutch).toContain(t('nl', 'home:help.formatsTitle'));
  expect(dutch).toContain('Collegiale consultatie');
  expect(dutch).toContain('Progressiegerichte intervisie');
  const english = await helpFor(PRESENTER);
  expect(english).toContain('*The formats you can name*');
  expect(english).toContain('Collegial consultation');
});

it('the shortcut "Start an intervision" opens the form in Dutch for Noor, with its channel picker', async () => {
  const used = await bot.person(noor).shortcut(SHORTCUT, CHANNEL);
  expect(used.status).toBe(200);
  await bot.settle();
  const modal = bot.person(noor).modal();
  expect(modal.title).toBe(t('nl', 'form:modalTitle'));
  expect(modal.text()).toContain(t('nl', 'form:channel.label'));
  expect(modal.text()).toContain('Progressiegerichte intervisie');
  await modal.close();
});
