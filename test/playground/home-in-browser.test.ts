import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { browserForTests, screenshot } from './browser';
import { playgroundForTests } from './client';

/**
 * The App Home and the shortcut in the playground's page: the message box's
 * ⚡ Start an intervision opens the creation form with its channel menu on
 * the channel shown; the session is created there; the App Home lists it,
 * with the person's role and where it stands, and Start a session opens the
 * same form again.
 */
describe('the App Home and the shortcut in a browser', () => {
  const browser = browserForTests();
  const playground = playgroundForTests();

  it('creates a session from the ⚡ shortcut and finds it on the App Home', async () => {
    const page = await browser().context.newPage();
    page.setDefaultTimeout(10_000);
    const modal = page.locator('.modal');
    try {
      await page.goto(`${playground().url}/?as=U0FEMKE`);
      await page.locator('#shortcut').click();
      const channel = modal.locator('.b-input[data-block-id="channel"] select');
      await channel.waitFor();
      expect(await channel.inputValue()).toBe(PLAYGROUND_CHANNEL.id);
      await modal.locator('.b-input[data-block-id="presenter"] select').selectOption('U0PRIYA');
      await modal.locator('.b-input[data-block-id="members"] select').selectOption('U0MATEO');
      await modal.locator('.b-input[data-block-id="title"] input').fill('From the lightning menu');
      await modal.locator('.b-input[data-block-id="place"]').getByLabel("This channel's thread").check();
      await modal.locator('.b-input[data-block-id="agreement"]').getByLabel(CREATOR_AGREEMENT).check();
      await modal.locator('.modal-submit').click();
      await modal.getByText('is set up').waitFor();
      await modal.getByRole('button', { name: 'Done', exact: true }).click();
      await modal.waitFor({ state: 'detached' });

      await page.locator('#sidebar .nav-label', { hasText: 'Home' }).click();
      const home = page.locator('#home');
      await home.getByText('From the lightning menu').waitFor();
      await home.getByText('You: facilitator').waitFor();
      await home.getByRole('button', { name: 'Start a session', exact: true }).click();
      await modal.locator('.b-input[data-block-id="channel"] select').waitFor();
      await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
      await modal.waitFor({ state: 'detached' });
      expect(playground().emulator.violations).toEqual([]);
    } catch (error) {
      await screenshot(page, 'home-in-browser');
      throw error;
    } finally {
      await page.close();
    }
  });
});
