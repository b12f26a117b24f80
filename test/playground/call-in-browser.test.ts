import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { browserForTests, screenshot } from './browser';
import { playgroundForTests } from './client';
import { Screen } from './screen';

/**
 * A whole session live on a call, in the playground's page, in one tab,
 * switching people with the person switcher: the form redraws for "Live on
 * a call"; turns end with Done, Done with a note, or I pass; the holder
 * finds a note in the thread; the presenter answers aloud and writes the
 * picks in their own words; the close leaves the presenter a copy of what
 * was noted. Then the clock control and the person menu's Deactivate.
 */

describe('the playground', () => {
  const browser = browserForTests();
  const playground = playgroundForTests();

  it('runs a whole session live on a call, from /intervision new to the presenter\'s copy of what was noted', async () => {
    const page = await browser().context.newPage();
    page.setDefaultTimeout(10_000);
    const s = new Screen(page);
    try {
      await page.goto(`${playground().url}/`);
      await page.fill('#composer-input', '/intervision new');
      await page.press('#composer-input', 'Enter');
      await s.modal.locator('.b-input[data-block-id="mode"]').getByLabel('Live on a call').check();
      await s.modal.getByText('Live on a call: timeboxes').waitFor();
      await s.modal.locator('.b-input[data-block-id="presenter"] select').selectOption('U0PRIYA');
      await s.modal.locator('.b-input[data-block-id="members"] select').selectOption('U0MATEO');
      await s.modal.locator('.b-input[data-block-id="title"] input').fill('On the call');
      await s.modal.locator('.b-input[data-block-id="place"]').getByLabel("This channel's thread").check();
      await s.modal.locator('.b-input[data-block-id="agreement"]').getByLabel(CREATOR_AGREEMENT).check();
      await s.modal.locator('.modal-submit').click();
      await s.modal.getByText('is set up').waitFor();
      await s.modal.getByRole('button', { name: 'Done', exact: true }).click();
      await s.modal.waitFor({ state: 'detached' });

      await s.act('U0PRIYA', 'Read and join', 'dm');
      await s.agree();
      await s.open('channel');
      await s.act('U0MATEO', 'Join', 'channel');
      await s.agree();
      await s.be('U0FEMKE');
      await s.channel.getByText('Live on a call: you talk, I keep the turns and the phases').waitFor();
      await s.act('U0FEMKE', 'Start (facilitator)', 'channel');
      await s.act('U0PRIYA', 'Done (case presenter)');

      // Factual questions, said aloud: Femke's turn is announced to her alone, in the thread.
      await s.be('U0FEMKE');
      await s.openThread();
      await s.thread.getByText("It's your turn in Factual questions (round 1).").waitFor();
      await s.act('U0FEMKE', 'Done');
      await s.act('U0MATEO', 'Done, with a note');
      await s.send('Who decided the new format?');
      await s.thread.getByText('note: Who decided the new format?').waitFor();
      await s.act('U0PRIYA', 'Answered Q1 (case presenter)');
      await s.act('U0PRIYA', 'Answered Q2 (case presenter)');
      await s.turnOf('U0FEMKE');
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'I pass');

      // Appreciation and tips, said aloud; one tip noted.
      await s.turnOf('U0FEMKE');
      await s.act('U0FEMKE', 'Done');
      for (const id of ['U0MATEO', 'U0FEMKE', 'U0MATEO']) await s.act(id, 'I pass');
      await s.turnOf('U0FEMKE');
      await s.act('U0FEMKE', 'Done, with a note');
      await s.send('Silent writing first.');
      await s.act('U0MATEO', 'Done');
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'I pass');

      // Usefulness: the noted tip in the menu, the spoken one in Priya's own words.
      await s.be('U0PRIYA');
      await s.openThread();
      await s.thread.locator('.multi select').last().selectOption({ label: 'T1 · Silent writing first.' });
      await s.thread.locator('.chip', { hasText: 'T1' }).waitFor();
      await s.thread.getByRole('button', { name: 'Write your picks (case presenter)', exact: true }).click();
      await s.send("Mateo's rotation idea");
      await s.thread.getByText("In their own words: Mateo's rotation idea").waitFor();

      for (const id of ['U0PRIYA', 'U0FEMKE', 'U0MATEO']) {
        await s.act(id, 'Evaluate');
        await s.modal.getByLabel('Yes').check();
        await s.send();
      }
      await s.thread.getByText('The exercise has ended.').first().waitFor();
      await screenshot(page, 'call-session-ended');

      await s.act('U0FEMKE', 'Close (facilitator)', 'channel');
      await page.locator('.confirm').getByRole('button', { name: 'Close and delete', exact: true }).click();
      await s.channel.getByText('its content was deleted when it closed').waitFor();
      await s.be('U0PRIYA');
      await page.locator('.nav-item', { hasText: /^intervision\d*$/ }).click();
      await s.channel.getByText('Your case: On the call').waitFor();
      expect(await s.channel.getByText('Silent writing first.').count()).toBeGreaterThan(0);
      expect(await s.channel.getByText("In your own words: Mateo's rotation idea").count()).toBeGreaterThan(0);
      expect(await s.channel.getByText('Said aloud and not noted: 1 tip.').count()).toBeGreaterThan(0);
      expect(playground().emulator.violations).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failure-call-session').catch(() => undefined);
      throw error;
    }
  }, 90_000);

  it('moves time with the clock control, and deactivates a person from the person menu', async () => {
    const page = await browser().context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`${playground().url}/?as=U0FEMKE`);
      const clock = page.locator('#clock');
      await clock.getByText('Playground time:').waitFor();
      await clock.getByRole('button', { name: '+1 day', exact: true }).click();
      await clock.getByText(/\(1d 0h ahead\)/).waitFor();
      await clock.getByRole('button', { name: '+1 hour', exact: true }).click();
      await clock.getByText(/\(1d 1h ahead\)/).waitFor();
      await clock.getByRole('button', { name: 'To the next deadline', exact: true }).click();
      await page.locator('.toast').getByText('Nothing is due').waitFor();

      await page.click('.switcher-toggle');
      await page.locator('li[data-person="U0LIAM"]').getByRole('button', { name: 'Deactivate Liam Walsh' }).click();
      await page.locator('.confirm').getByRole('button', { name: 'Deactivate', exact: true }).click();
      await page.locator('li[data-person="U0LIAM"]').waitFor({ state: 'detached' });
      expect(playground().emulator.ws.users.get('U0LIAM')?.deleted).toBe(true);
      await screenshot(page, 'clock-and-person-menu');
    } catch (error) {
      await screenshot(page, 'failure-clock-and-person-menu').catch(() => undefined);
      throw error;
    }
  }, 30_000);
});
