/**
 * A session's language: chosen in the creation form, preset from the
 * creator's Slack language (users.info with include_locale), else
 * DEFAULT_LANGUAGE. Choosing another redraws the form in it, keeping what
 * was filled in; the session is created in the language chosen.
 */
import type { ModalHandle } from '../../../dev/emulator';
import { t } from '../../../src/i18n';
import { NEW_SESSION_FIELDS } from '../../../src/slack/blocks';
import { CREATOR_AGREEMENT } from '../../../src/slack/blocks/new-session-modal';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { PLACE } from '../../e2e/play';

const F = NEW_SESSION_FIELDS;

/** The language the form has chosen: the one picked, else the one the select was drawn with. */
function chosenLanguage(modal: ModalHandle): string | undefined {
  const picked = modal.view.state.values[F.language.block]?.[F.language.action] as { selected_option?: { value?: string } } | undefined;
  const block = modal.view.blocks.find((b) => b.block_id === F.language.block) as { element?: { initial_option?: { value?: string } } } | undefined;
  return picked?.selected_option?.value ?? block?.element?.initial_option?.value;
}

async function openForm(bot: TestBot, who: string): Promise<ModalHandle> {
  const person = bot.person(who);
  await person.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  return person.modal();
}

describe('with the default settings (DEFAULT_LANGUAGE en)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ name: __filename });
    bot.emulator.addUser({ id: 'U0PIERRE', name: 'pierre', real_name: 'Pierre Petit', locale: 'fr-FR' });
    bot.emulator.ws.join(CHANNEL, 'U0PIERRE');
  });
  afterAll(async () => {
    await bot?.stop();
  });
  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it('presets the language of the creator\'s Slack: German for Hanna (de-DE), Dutch for Noor (nl-NL), English for Alice', async () => {
    for (const [who, language] of [[PEOPLE.hanna, 'de'], [PEOPLE.noor, 'nl'], [PEOPLE.alice, 'en']] as const) {
      const modal = await openForm(bot, who);
      expect(chosenLanguage(modal)).toBe(language);
      expect(modal.title).toBe(t(language, 'form:modalTitle'));
      await modal.close();
    }
  });

  it('a Slack language the bot does not speak gets DEFAULT_LANGUAGE', async () => {
    const modal = await openForm(bot, 'U0PIERRE');
    expect(chosenLanguage(modal)).toBe('en');
    await modal.close();
  });

  it('choosing another language redraws the form in it, keeping what was filled in, and the session is created in it', async () => {
    const modal = await openForm(bot, PEOPLE.alice);
    await modal.fill('Title', 'Team Nord');
    await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
    await modal.select('Language', t('en', 'common:languageNames.nl'));
    await bot.settle();
    expect(chosenLanguage(modal)).toBe('nl');
    expect(modal.title).toBe(t('nl', 'form:modalTitle'));
    expect(JSON.stringify(modal.view.blocks)).toContain('Team Nord');
    await modal.pickUsers(t('nl', 'form:members.label'), [PEOPLE.carol, PEOPLE.dave]);
    await modal.select(t('nl', 'form:place.label'), t('nl', 'form:place.thread.label'));
    await modal.check(t('nl', 'form:agreement.label'), [t('nl', 'form:agreement.option')]);
    const { errors } = await modal.submit();
    expect(errors).toBeUndefined();
    await bot.settle();
    const session = await bot.store.load(await bot.sessionId());
    expect(session?.settings.language).toBe('nl');
    expect(PLACE.label).toBe(t('en', 'form:place.label'));
    expect(CREATOR_AGREEMENT).toBe(t('en', 'form:agreement.option'));
  });
});

describe('with DEFAULT_LANGUAGE=nl', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-nl`, env: { DEFAULT_LANGUAGE: 'nl' } });
    bot.emulator.addUser({ id: 'U0PIERRE', name: 'pierre', real_name: 'Pierre Petit', locale: 'fr-FR' });
    bot.emulator.ws.join(CHANNEL, 'U0PIERRE');
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('a person whose Slack language the bot does not speak gets Dutch; one it speaks keeps theirs', async () => {
    const pierre = await openForm(bot, 'U0PIERRE');
    expect(chosenLanguage(pierre)).toBe('nl');
    await pierre.close();
    const hanna = await openForm(bot, PEOPLE.hanna);
    expect(chosenLanguage(hanna)).toBe('de');
    await hanna.close();
  });
});
