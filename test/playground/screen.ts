import type { Locator, Page } from 'playwright-core';
import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import { buttonName } from './client';

/** The demo team's names, as the person switcher shows them. */
export const NAMES: Record<string, string> = { U0FEMKE: 'Femke de Vries', U0PRIYA: 'Priya Natarajan', U0MATEO: 'Mateo García', U0LIAM: 'Liam Walsh' };

/** One tab of the playground, acting as whoever the switcher says. */
export class Screen {
  constructor(readonly page: Page) {}

  get thread(): Locator {
    return this.page.locator('#thread-messages');
  }

  get channel(): Locator {
    return this.page.locator('#messages');
  }

  get modal(): Locator {
    return this.page.locator('.modal');
  }

  /** Chooses a person in the "You are" menu. */
  async be(id: string): Promise<void> {
    await this.page.click('.switcher-toggle');
    await this.page.click(`li[data-person="${id}"] .person`);
    await this.page.locator('.switcher-toggle', { hasText: NAMES[id] ?? id }).waitFor();
  }

  /** Opens the session card's thread, unless it is open. */
  async openThread(): Promise<void> {
    if ((await this.page.locator('#thread:not([hidden])').count()) === 0) await this.channel.locator('.thread-summary').first().click();
  }

  /** Opens the direct messages with the bot, or the playground's channel. */
  async open(conversation: 'dm' | 'channel'): Promise<void> {
    const label = conversation === 'dm' ? /^intervision$/ : `# ${PLAYGROUND_CHANNEL.name}`;
    await this.page.locator('#sidebar .nav-label', { hasText: label }).click();
    await this.page.locator('#conv-header .conv-title', { hasText: label }).waitFor();
  }

  /**
   * Becomes `id`, opens the thread (or the channel, or the DMs), and clicks
   * the newest button labelled `label` there (a live count after " · " in
   * its label is allowed).
   */
  async act(id: string, label: string, where: 'thread' | 'channel' | 'dm' = 'thread'): Promise<void> {
    await this.be(id);
    if (where === 'thread') await this.openThread();
    if (where === 'dm') await this.open('dm');
    await (where === 'thread' ? this.thread : this.channel).getByRole('button', { name: buttonName(label) }).last().click();
  }

  /** Confirms the agreement in the open Join modal, and closes the "You're in" view the app answers with. */
  async agree(): Promise<void> {
    await this.modal.getByLabel('I agree').check();
    await this.modal.locator('.modal-submit').click();
    await this.modal.getByText("You're in").waitFor();
    await this.modal.getByRole('button', { name: 'Done', exact: true }).click();
    await this.modal.waitFor({ state: 'detached' });
  }

  /** Writes `text` into the open modal's first text field (if given) and presses its submit button. */
  async send(text?: string): Promise<void> {
    await this.modal.waitFor();
    if (text !== undefined) await this.modal.locator('textarea').first().fill(text);
    await this.modal.locator('.modal-submit').click();
    await this.modal.waitFor({ state: 'detached' });
  }

  /** Waits until the thread says it is `holder`'s turn. */
  async turnOf(holder: string): Promise<void> {
    await this.openThread();
    await this.thread.getByText(`${NAMES[holder] ?? holder}'s turn`).first().waitFor();
  }
}
