import type { Locator, Page } from 'playwright-core';
import { PLAYGROUND_CHANNEL, type Playground } from '../../dev/playground';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { type Browser, browserForTests, screenshot } from './browser';
import { buttonName, playgroundForTests } from './client';

/**
 * The playground end to end, in headless Chromium: a facilitator, a presenter
 * and a member each in their own page (?as=…) play a short Progress-focused
 * session through what they see - the slash command, the modal's validation
 * error and its fix (the facilitator confirms the agreement there), the
 * presenter's invitation in her direct messages, the member's Join on the
 * card, the Start that counts who is ready, a pass, a question, an answer,
 * and the close.
 */

const FEMKE = 'U0FEMKE'; // facilitator (and, as the format suggests, a member too)
const PRIYA = 'U0PRIYA'; // presenter
const MATEO = 'U0MATEO'; // member

const QUESTION = 'What did the team say when you asked them <b>directly</b> & <@U0LIAM>?';
const ANSWER = 'They said the retro felt like a test & nobody wanted to fail it.';

/** One person's browser tab. */
class Tab {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, as: string): Promise<Tab> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${url}/?as=${as}`);
    await page.locator('.switcher-toggle').waitFor();
    return new Tab(page);
  }

  get channel(): Locator {
    return this.page.locator('#messages');
  }

  get thread(): Locator {
    return this.page.locator('#thread-messages');
  }

  get modal(): Locator {
    return this.page.locator('.modal');
  }

  /** The field of the modal with this block id. */
  field(blockId: string): Locator {
    return this.modal.locator(`.b-input[data-block-id="${blockId}"]`);
  }

  /** Brings this person's tab to the front: a tab in the background gets no animation frames, so clicks there wait. */
  async focus(): Promise<void> {
    await this.page.bringToFront();
  }

  /** Types in the channel's message box and presses Enter. */
  async type(text: string): Promise<void> {
    await this.focus();
    await this.page.fill('#composer-input', text);
    await this.page.press('#composer-input', 'Enter');
  }

  /** The newest button labelled `label` inside `where` (a live count after " · " in its label is allowed). */
  button(label: string, where: Locator): Locator {
    return where.getByRole('button', { name: buttonName(label) }).last();
  }

  /** Clicks the newest button with this label inside `where`. */
  async click(label: string, where: Locator): Promise<void> {
    await this.focus();
    await this.button(label, where).click();
  }

  /** Opens the direct messages with the bot (the sidebar's "intervision"). */
  async openDms(): Promise<void> {
    await this.focus();
    await this.page.locator('#sidebar .nav-label', { hasText: /^intervision$/ }).click();
    await this.page.locator('#conv-header .conv-title', { hasText: /^intervision$/ }).waitFor();
  }

  /** Goes back to the playground's channel. */
  async openChannel(): Promise<void> {
    await this.focus();
    await this.page.locator('#sidebar .nav-label', { hasText: `# ${PLAYGROUND_CHANNEL.name}` }).click();
    await this.page.locator('#conv-header .conv-title', { hasText: `# ${PLAYGROUND_CHANNEL.name}` }).waitFor();
  }

  /** Ticks "I agree" in the open Join modal, sends it, and closes the "You're in" view the app answers with. */
  async agree(): Promise<void> {
    await this.modal.getByText('Join the session').waitFor();
    await this.modal.getByLabel('I agree').check();
    await this.click('Agree and join', this.modal);
    await this.modal.getByText("You're in").waitFor();
    await this.sees('You confirmed the confidentiality agreement for “Tuesday practice”.', this.modal);
    await this.click('Done', this.modal);
    await this.modal.waitFor({ state: 'detached' });
  }

  /** Opens the session card's thread in the side pane. */
  async openThread(): Promise<void> {
    await this.focus();
    await this.channel.locator('.thread-summary').first().click();
    await this.thread.waitFor();
  }

  /** Waits until `text` is visible inside `where`. */
  async sees(text: string, where: Locator): Promise<void> {
    await where.getByText(text, { exact: false }).first().waitFor();
  }
}

describe('the playground in a browser', () => {
  const browser = browserForTests();
  const playground = playgroundForTests();

  it('runs a short Progress-focused session as a facilitator, a presenter and a member, each in their own page', async () => {
    const { url } = playground();
    const femke = await Tab.open(browser(), url, FEMKE);
    const priya = await Tab.open(browser(), url, PRIYA);
    const mateo = await Tab.open(browser(), url, MATEO);
    try {
      await playSession(playground(), femke, priya, mateo);
    } catch (error) {
      // What each person saw when it went wrong, for whoever reads the failure.
      for (const [name, tab] of Object.entries({ femke, priya, mateo })) await screenshot(tab.page, `failure-${name}`).catch(() => undefined);
      throw error;
    }
  }, 60_000);
});

async function playSession(playground: Playground, femke: Tab, priya: Tab, mateo: Tab): Promise<void> {

    // The slash command opens the new-session modal, only for the person who typed it.
    await femke.type('/intervision new');
    await femke.modal.getByText('New intervision session').waitFor();
    expect(await priya.modal.count()).toBe(0);

    // Submitting it empty shows the app's errors under the right fields.
    await femke.click('Create', femke.modal);
    await femke.sees('Please choose who brings the case.', femke.field('presenter'));
    await femke.sees('Please give the session a short title', femke.field('title'));
    await femke.sees('Please confirm the confidentiality agreement', femke.field('agreement'));
    expect(await femke.field('format').locator('.b-error').count()).toBe(0);
    await screenshot(femke.page, '01-validation-errors');

    // The fix: a presenter, a member, a title, the channel's thread, and the facilitator's own
    // agreement; the card appears in everyone's channel, the facilitator agreed, the others invited.
    await femke.field('presenter').locator('select').selectOption(PRIYA);
    await femke.field('members').locator('select').selectOption(MATEO);
    await femke.field('members').getByText('Mateo García').waitFor();
    await femke.field('title').locator('input').fill('Tuesday practice');
    await femke.field('place').getByLabel("This channel's thread").check();
    await femke.field('agreement').getByLabel(CREATOR_AGREEMENT).check();
    await femke.click('Create', femke.modal);
    // The modal says where the session is set up; Done closes it.
    await femke.sees('is set up in', femke.modal);
    await femke.click('Done', femke.modal);
    await femke.modal.waitFor({ state: 'detached' });
    for (const tab of [femke, priya, mateo]) await tab.sees('Tuesday practice', tab.channel);
    await priya.sees('Case presenter: @Priya Natarajan (invited)', priya.channel);
    await femke.sees('Facilitator: @Femke de Vries ✓ (also one of the team members)', femke.channel);
    await femke.sees("Held in this channel's thread: everyone who can read this channel can read the session.", femke.channel);
    await femke.channel.getByRole('button', { name: 'Start (facilitator) · 1 of 3 ready', exact: true }).waitFor();

    // The presenter confirms the agreement from the invitation in her direct messages.
    await priya.openDms();
    await priya.sees('invited you to “Tuesday practice”', priya.channel);
    await priya.click('Read and join', priya.channel);
    await priya.agree();
    await priya.openChannel();
    await priya.sees('Case presenter: @Priya Natarajan ✓', priya.channel);

    // The member joins from the card, confirming the agreement; a private note says he is in.
    await mateo.click('Join', mateo.channel);
    await mateo.agree();
    await mateo.sees("You're in: you confirmed the confidentiality agreement.", mateo.channel);
    await screenshot(mateo.page, '02-joined');

    // Everyone is ready. The facilitator starts; Join is gone from the card; the presenter tells
    // the case aloud and says they are done; the questions begin.
    await femke.focus();
    await femke.channel.getByRole('button', { name: 'Start (facilitator) · 3 of 3 ready', exact: true }).waitFor();
    await femke.click('Start (facilitator)', femke.channel);
    await femke.sees('Phase 1 of', femke.channel);
    await mateo.focus();
    await mateo.sees('Phase 1 of', mateo.channel);
    expect(await mateo.channel.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0);
    await femke.openThread();
    await femke.sees('Presentation', femke.thread);
    await priya.openThread();
    await priya.click('Done (case presenter)', priya.thread);
    await femke.sees("It's @Femke de Vries's turn", femke.thread);

    // A pass (the facilitator, who is also a member, has the first turn), then a question.
    await femke.click('I pass', femke.thread);
    await mateo.openThread();
    await mateo.click('Ask a question', mateo.thread);
    await mateo.modal.locator('textarea').fill(QUESTION);
    await mateo.click('Send', mateo.modal);
    await mateo.modal.waitFor({ state: 'detached' });
    for (const tab of [femke, priya, mateo]) await tab.sees(QUESTION, tab.thread);
    // What people write is shown as they wrote it: no markup, no mention.
    expect(await femke.thread.locator('b').count()).toBe(0);
    expect(await femke.thread.getByText('@Liam Walsh').count()).toBe(0);

    // The presenter answers; everyone sees the answer under the question.
    await priya.click('Answer Q1 (case presenter)', priya.thread);
    await priya.modal.locator('textarea').fill(ANSWER);
    await priya.click('Send', priya.modal);
    await priya.modal.waitFor({ state: 'detached' });
    for (const tab of [femke, priya, mateo]) await tab.sees(ANSWER, tab.thread);
    expect(await femke.thread.getByText('Passed:').count()).toBeGreaterThan(0);
    await screenshot(femke.page, '03-question-answered');

    // Close: the facilitator confirms; every page loses the session's content and keeps only the note.
    await femke.click('Close (facilitator)', femke.channel);
    await femke.page.locator('.confirm').getByText('Close the session?').waitFor();
    await femke.click('Close and delete', femke.page.locator('.confirm'));
    for (const tab of [femke, priya, mateo]) {
      await tab.sees('its content was deleted when it closed', tab.channel);
      await tab.page.getByText(QUESTION).waitFor({ state: 'detached' });
      expect(await tab.page.getByText('Tuesday practice').count()).toBe(0);
      expect(await tab.page.getByText(ANSWER).count()).toBe(0);
    }
    await screenshot(priya.page, '04-closed');
    expect(playground.emulator.violations).toEqual([]);
}

/** The page's mrkdwn renderer, as the browser runs it. */
interface Rendered {
  html: string;
  text: string;
}

describe("the page's mrkdwn, drawn in a browser", () => {
  const browser = browserForTests();
  const playground = playgroundForTests();
  let page: Page | undefined;

  beforeAll(async () => {
    page = await browser().context.newPage();
    await page.goto(`${playground().url}/?as=${FEMKE}`);
    await page.locator('.switcher-toggle').waitFor();
  });

  /** Renders `text` in the page, as a reader in `tz` sees it. */
  async function render(text: string, tz = 'Europe/Amsterdam'): Promise<Rendered> {
    if (!page) throw new Error('the page did not open');
    return page.evaluate(
      ({ text, tz }) => {
        type Node = { outerHTML: string; textContent: string | null };
        const pg = (globalThis as unknown as { PG: { mrkdwn: { render(text: string, ctx: unknown): Node } } }).PG;
        const people: Record<string, { realName: string }> = { U0PRIYA: { realName: 'Priya Natarajan' } };
        const ctx = { me: 'U0FEMKE', tz, person: (id: string) => people[id], channel: (id: string) => (id === 'C0PLAYGRND' ? { name: 'intervision-playground' } : undefined) };
        const node = pg.mrkdwn.render(text, ctx);
        return { html: node.outerHTML, text: node.textContent ?? '' };
      },
      { text, tz },
    );
  }

  it('draws bold, italic, strike and code, and leaves snake_case words alone', async () => {
    const { html } = await render('*bold* _italic_ ~gone~ `x < y` and snake_case_words');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<s>gone</s>');
    expect(html).toContain('<code class="md-code">x &lt; y</code>');
    expect(html).toContain('snake_case_words');
  });

  it('names people and channels, and links only to web addresses', async () => {
    const { html, text } = await render('<@U0PRIYA> in <#C0PLAYGRND>: <https://example.org/a?b=1&amp;c=2|the plan>, <javascript:alert(1)|not a link>');
    expect(text).toBe('@Priya Natarajan in #intervision-playground: the plan, not a link');
    expect(html).toContain('href="https://example.org/a?b=1&amp;c=2"');
    expect(html).not.toContain('javascript:');
  });

  it('shows escaped text as text, so nothing written can become markup', async () => {
    const { html, text } = await render('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;');
    expect(text).toBe('<img src=x onerror=alert(1)> & <script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
  });

  it("shows a date in the reader's own time zone", async () => {
    const token = '<!date^1700000000^{date_short} at {time}|2023-11-14 22:13 UTC>';
    expect((await render(token, 'Asia/Tokyo')).text).toBe('Nov 15, 2023 at 7:13 AM');
    expect((await render(token, 'America/New_York')).text).toBe('Nov 14, 2023 at 5:13 PM');
  });

  it('quotes lines that start with ">"', async () => {
    const { html } = await render('Q1\n> the question\n> goes on');
    expect(html).toContain('<blockquote class="md-quote">the question\ngoes on</blockquote>');
  });
});
