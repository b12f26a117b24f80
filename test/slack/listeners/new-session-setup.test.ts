/**
 * The new-session form is answered at once ("Setting up…") and the session is
 * set up after Slack has the answer: the modal then says where the session
 * is, or shows the form again, as it was filled, with each problem under its
 * field; a person who closed the modal meanwhile is told privately.
 */
import type { ModalHandle } from '../../../dev/emulator';
import { CREATOR_AGREEMENT } from '../../../src/slack/blocks/new-session-modal';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { DEMO } from '../../support/slack';
import { PLACE } from '../../e2e/play';
import { problemsByLabel } from '../../support/form-problems';

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

/** Alice fills a valid form for a session in the channel's thread; `members` chosen as given. */
async function fill(members: string[], title: string): Promise<ModalHandle> {
  const alice = bot.person(PEOPLE.alice);
  await alice.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = alice.modal();
  await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
  await modal.pickUsers('Members', members);
  await modal.fill('Title', title);
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  return modal;
}

describe('the new-session form is answered before anything slow', () => {
  it('says "Setting up…" in its answer, then where the session is once it is stored', async () => {
    const modal = await fill([PEOPLE.carol, PEOPLE.dave], 'Ready check');
    const before = await bot.store.listByChannel(CHANNEL);
    const { response } = await modal.submit();
    expect(response.responseAction).toBe('update');
    await bot.settle();
    const after = await bot.store.listByChannel(CHANNEL);
    expect(after.length).toBe(before.length + 1);
    expect(modal.text()).toContain('Ready check');
    expect(modal.text()).toContain('is set up in');
    expect(modal.view.submit).toBeUndefined();
    await modal.close();
  });

  it('shows the form again, as filled, with a problem under its field; fixed and sent again, the session is made', async () => {
    const modal = await fill([PEOPLE.carol, PEOPLE.dave, PEOPLE.helper], 'Second try');
    const before = await bot.store.listByChannel(CHANNEL);
    await modal.submit();
    await bot.settle();
    expect(problemsByLabel(modal.view)).toEqual({ Members: 'helper is a bot; only people can take part.' });
    expect(await bot.store.listByChannel(CHANNEL)).toEqual(before);
    // Everything alice filled is still there: she only takes the bot out.
    await modal.pickUsers('Members', [PEOPLE.carol, PEOPLE.dave]);
    const { response, errors } = await modal.submit();
    expect(errors).toBeUndefined();
    expect(response.responseAction).toBe('update');
    await bot.settle();
    expect((await bot.store.listByChannel(CHANNEL)).length).toBe(before.length + 1);
    expect(modal.text()).toContain('Second try');
    expect(problemsByLabel(modal.view)).toBeUndefined();
    await modal.close();
  });

  it('tells a person who closed the modal meanwhile, privately in the channel', async () => {
    const alice = bot.person(PEOPLE.alice);
    const modal = await fill([PEOPLE.carol, PEOPLE.dave, DEMO.bot], 'Closed early');
    const before = await bot.store.listByChannel(CHANNEL);
    // The modal is gone by the time the set-up redraws it: Slack answers not_found.
    bot.emulator.failNext('views.update', { error: 'not_found' });
    await modal.submit();
    await bot.settle();
    expect(await bot.store.listByChannel(CHANNEL)).toEqual(before);
    expect(alice.read('ephemeral')).toContain("I couldn't set up your session “Closed early”: intervision is a bot; only people can take part.");
    // Closing the modal is what the "Setting up…" view invites: no error in the log for it.
    const lines = bot.logLines.filter((line) => line.includes('set-up was shown') || line.includes('"step":"redraw"'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line).level).toBeLessThan(40);
    await alice.modal().close();
  });
});
