import type { Locator } from 'playwright-core';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { browserForTests, screenshot } from './browser';
import { playgroundForTests } from './client';
import { Screen } from './screen';

/**
 * What the issue calls done: in one browser tab, switching between people with
 * the person switcher, a whole Progress-focused session runs from
 * `/intervision new` to the content-free note after close, and the presenter
 * finds the private copy of their case in their direct messages. Everyone
 * confirms the confidentiality agreement first: the facilitator in the form,
 * the presenter from her invitation, the member with Join on the card.
 */

/** Waits until nothing matches `locator` (the page updates a moment after the bot acts). */
async function gone(locator: Locator, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await locator.count()) > 0) {
    if (Date.now() > until) throw new Error(`still on the page after ${timeoutMs} ms: ${locator.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a whole session in the playground', () => {
  const browser = browserForTests();
  const playground = playgroundForTests();

  it('runs from /intervision new to the note after close in one tab, switching people, and leaves the presenter a private copy', async () => {
    const page = await browser().context.newPage();
    page.setDefaultTimeout(10_000);
    const s = new Screen(page);
    try {
      await page.goto(`${playground().url}/`);
      await page.fill('#composer-input', '/intervision new');
      await page.press('#composer-input', 'Enter');
      await page.locator('.b-input[data-block-id="presenter"] select').selectOption('U0PRIYA');
      await page.locator('.b-input[data-block-id="members"] select').selectOption('U0MATEO');
      await page.locator('.b-input[data-block-id="title"] input').fill('Whole run');
      await page.locator('.b-input[data-block-id="place"]').getByLabel("This channel's thread").check();
      await page.locator('.b-input[data-block-id="agreement"]').getByLabel(CREATOR_AGREEMENT).check();
      await page.locator('.modal .modal-submit').click();
      // The modal says where the session is set up; the facilitator presses Done.
      await page.locator('.modal').getByText('is set up').waitFor();
      await page.locator('.modal').getByRole('button', { name: 'Done', exact: true }).click();
      await page.locator('.modal').waitFor({ state: 'detached' });

      // The presenter agrees from her invitation, the member from the card; then all three are ready.
      await s.act('U0PRIYA', 'Read and join', 'dm');
      await s.agree();
      await s.open('channel');
      await s.act('U0MATEO', 'Join', 'channel');
      await s.agree();
      await s.be('U0FEMKE');
      await s.channel.getByRole('button', { name: 'Start (facilitator) · 3 of 3 ready', exact: true }).waitFor();
      await s.act('U0FEMKE', 'Start (facilitator)', 'channel');
      await s.act('U0PRIYA', 'Done (case presenter)');

      // Factual questions: a pass, a question and its answer; then a round of passes ends the phase.
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'Ask a question');
      await s.send('What did you try first?');
      await s.act('U0PRIYA', 'Answer Q1 (case presenter)');
      await s.send('A new retro format.');
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'I pass');

      // Appreciation and tips, each ended by a round of passes.
      await s.act('U0FEMKE', 'Give a compliment');
      await s.send('You kept asking, even when it was quiet.');
      await s.act('U0MATEO', 'I pass');
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'I pass');
      await s.act('U0FEMKE', 'Give a tip');
      await s.send('Try five minutes of silent writing first.');
      await s.act('U0MATEO', 'Give a tip');
      await s.send('Rotate who facilitates the retro.');
      await s.act('U0FEMKE', 'I pass');
      await s.act('U0MATEO', 'I pass');

      // Usefulness: the presenter picks a tip in the menu, then confirms.
      await s.be('U0PRIYA');
      await s.openThread();
      await s.thread.locator('.multi select').last().selectOption({ label: 'T1 · Try five minutes of silent writing first.' });
      await s.thread.locator('.chip', { hasText: 'T1' }).waitFor();
      await s.thread.getByRole('button', { name: 'Confirm picks (case presenter)', exact: true }).click();

      // Evaluation: everyone answers; the exercise ends.
      for (const id of ['U0PRIYA', 'U0FEMKE', 'U0MATEO']) {
        await s.act(id, 'Evaluate');
        await page.locator('.modal').getByLabel('Yes').check();
        await s.send();
      }
      await s.thread.getByText('The exercise has ended.').first().waitFor();
      await screenshot(page, 'whole-session-ended');

      // Close: only the note stays; the presenter's copy is in her DMs.
      await s.act('U0FEMKE', 'Close (facilitator)', 'channel');
      await page.locator('.confirm').getByRole('button', { name: 'Close and delete', exact: true }).click();
      await s.channel.getByText('its content was deleted when it closed').waitFor();
      await gone(page.getByText('Try five minutes of silent writing first.'));
      expect(await s.channel.getByText('Whole run').count()).toBe(0);

      await s.be('U0PRIYA');
      await page.locator('.nav-item', { hasText: /^intervision\d*$/ }).click();
      await page.locator('#messages').getByText('Your case: Whole run').waitFor();
      expect(await page.locator('#messages').getByText('Try five minutes of silent writing first.').count()).toBeGreaterThan(0);
      await screenshot(page, 'whole-session-presenter-copy');
      expect(playground().emulator.violations).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failure-whole-session').catch(() => undefined);
      throw error;
    }
  }, 60_000);
});
