import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import type { ModalHandle } from '../../dev/emulator';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { type Answer, channelText, eventually, playgroundForTests, post, stateOf } from './client';

/**
 * The playground's clock control and its person menu, through the page's
 * API: time moves an hour, a day, or to the next deadline, and what falls due
 * on the way happens (an asynchronous round's reminder, then its deadline);
 * a person can be deactivated, and the bot takes them out of their session.
 */

const FEMKE = 'U0FEMKE';
const PRIYA = 'U0PRIYA';
const MATEO = 'U0MATEO';
const AMARA = 'U0AMARA';
const LIAM = 'U0LIAM';
const HOUR = 3_600_000;

const running = playgroundForTests();

/** Waits until `probe` holds (the bot works after it answers). */
async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Moves the playground's time as the page's clock control does. */
function move(as: string, how: 'hour' | 'day' | 'next'): Promise<Answer> {
  return post(running().url, '/api/clock', { as, move: how });
}

/** Femke creates a session (asynchronous with a 4-hour window, or live), everyone named agrees from the invitation, she starts it. */
async function createAndStart(mode: 'Asynchronous' | 'Live, in writing', members: string[], title: string): Promise<void> {
  const { emulator } = running();
  const femke = emulator.person(FEMKE);
  await femke.command('/intervision', 'new', PLAYGROUND_CHANNEL.id);
  await until(() => emulator.ws.modalStack(FEMKE).length === 1, 'the form');
  const modal: ModalHandle = femke.modal();
  await modal.select('How you meet', mode);
  if (mode === 'Asynchronous') {
    await until(() => modal.text().includes('Hours each round stays open'), 'the asynchronous fields');
    await modal.fill('Hours each round stays open', '4');
  }
  await modal.pickUsers('Presenter (brings the case)', [PRIYA]);
  await modal.pickUsers('Members', members);
  await modal.fill('Title', title);
  await modal.select('Who can read the session', "This channel's thread");
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  expect((await modal.submit()).errors).toBeUndefined();
  await until(() => modal.text().includes('is set up'), 'the session');
  await modal.close();
  for (const user of [PRIYA, ...members]) {
    await until(() => emulator.person(user).dms().some((m) => String(m.text).includes(title)), `${user}'s invitation`);
    await emulator.person(user).click('Read and join', 'dm');
    await until(() => emulator.ws.modalStack(user).length === 1, 'the agreement');
    await emulator.person(user).modal().check('Your confirmation', ['I agree']);
    await emulator.person(user).modal().submit();
    await emulator.person(user).modal().close();
  }
  await until(() => femke.read().includes(`Start (facilitator) · ${members.length + 2} of ${members.length + 2} ready`), 'everyone ready');
  await femke.click('Start (facilitator)');
  await until(() => emulator.person(PRIYA).read().includes('Done (case presenter)'), 'the first step');
}

describe('the clock control', () => {
  it('shows the playground time; with nothing due, "to the next deadline" says so kindly and moves nothing', async () => {
    const { url } = running();
    const before = (await stateOf(url, FEMKE)).clock;
    expect(before?.ahead).toBe(0);
    const answer = await move(FEMKE, 'next');
    expect(answer.body).toEqual({ ok: false, error: 'Nothing is due: no session waits for a deadline or a reminder.' });
    expect((await stateOf(url, FEMKE)).clock?.ahead).toBe(0);
  });

  it('+1 hour and +1 day move it forward by that much', async () => {
    const { url } = running();
    expect((await move(FEMKE, 'hour')).body).toEqual({ ok: true });
    expect((await stateOf(url, FEMKE)).clock?.ahead).toBe(HOUR);
    expect((await move(FEMKE, 'day')).body).toEqual({ ok: true });
    expect((await stateOf(url, FEMKE)).clock?.ahead).toBe(25 * HOUR);
    expect((await post(url, '/api/clock', { as: FEMKE, move: 'week' })).status).toBe(400);
  });

  it('rehearses an asynchronous round: to the reminder half way, then to the deadline, which closes the round', async () => {
    const { url, emulator } = running();
    await createAndStart('Asynchronous', [MATEO, AMARA], 'Over the week');
    await emulator.person(PRIYA).click('Done (case presenter)');
    await until(() => emulator.person(MATEO).read().includes('Ask a question'), 'round 1');
    const start = (await stateOf(url, FEMKE)).clock?.now ?? 0;

    expect((await move(FEMKE, 'next')).body).toEqual({ ok: true });
    const half = (await stateOf(url, FEMKE)).clock?.now ?? 0;
    expect(half - start).toBeGreaterThanOrEqual(2 * HOUR - 1000);
    expect(half - start).toBeLessThan(2 * HOUR + 1000);
    const reminder = await eventually(url, MATEO, (s) => s.dm.messages.find((m) => m.text.startsWith('A friendly reminder: round 1')));
    expect(JSON.stringify(reminder.blocks)).toContain('is open until');

    expect((await move(FEMKE, 'next')).body).toEqual({ ok: true });
    const closed = await stateOf(url, MATEO);
    expect((closed.clock?.now ?? 0) - start).toBeGreaterThanOrEqual(4 * HOUR - 1000);
    const kept = closed.dm.messages.find((m) => m.ts === reminder.ts);
    expect(JSON.stringify(kept?.blocks)).toContain('has closed');
    expect(JSON.stringify(kept?.blocks)).not.toContain('is open until');
    expect(channelText(closed)).toContain('No answer: <@U0FEMKE>, <@U0MATEO>, <@U0AMARA>');
  });
});

describe('the person menu', () => {
  it('deactivates someone else, as an admin would: they leave the team, and the bot takes them out of their session', async () => {
    const { url, emulator } = running();
    await createAndStart('Live, in writing', [AMARA, LIAM], 'Live today');
    expect((await post(url, '/api/people/deactivate', { as: FEMKE, person: FEMKE })).body).toEqual({
      ok: false,
      error: 'Switch to someone else first: you cannot deactivate the person you are.',
    });
    expect((await post(url, '/api/people/deactivate', { as: FEMKE, person: 'U0NOBODY' })).status).toBe(404);

    expect((await post(url, '/api/people/deactivate', { as: FEMKE, person: LIAM })).body).toEqual({ ok: true });
    const femke = await stateOf(url, FEMKE);
    expect(femke.people.map((p) => p.id)).not.toContain(LIAM);
    expect((await post(url, '/api/command', { as: LIAM, text: '/intervision help' })).status).toBe(404);
    // The card of the live session no longer lists Liam among its members.
    await until(() => {
      const card = emulator.channelMessages(PLAYGROUND_CHANNEL.id).filter((m) => m.user === 'U0BOT' && String(m.text).includes('Live today')).at(-1);
      return card !== undefined && !JSON.stringify(card.blocks).includes(`<@${LIAM}>`);
    }, 'Liam taken out of the session');
    expect(emulator.violations).toEqual([]);
  });
});
