/**
 * The new-session modal's rules, each shown by Slack under the field it is
 * about: the roles, enough members, only people, the title, the timeboxes,
 * the round window and the creator's confidentiality agreement. Nothing is
 * created until every field is right.
 */
import type { ModalHandle } from '../../../dev/emulator';
import { MAX_MEMBERS } from '../../../src/engine';
import { CREATOR_AGREEMENT, FACILITATOR_TAKES_PART } from '../../../src/slack/blocks/new-session-modal';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { DEMO } from '../../support/slack';
import { PLACE } from '../../e2e/play';
import { problemsByLabel } from '../../support/form-problems';

let bot: TestBot;
/** One more member than a session takes. */
const CROWD = Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => `U0CROWD${i}`);

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  bot.emulator.addUser({ id: 'U0GONE', name: 'gone', real_name: 'Gone Person', deleted: true });
  bot.emulator.ws.join(CHANNEL, 'U0GONE');
  for (const id of CROWD) {
    bot.emulator.addUser({ id, name: id.toLowerCase(), real_name: `Member ${id}` });
    bot.emulator.ws.join(CHANNEL, id);
  }
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(async () => {
  // Every refusal names an input block of the modal (Slack would reject anything else), and nothing was created.
  expect(bot.emulator.violations).toEqual([]);
  expect(await bot.store.listByChannel(CHANNEL)).toEqual([]);
  await bot.person(PEOPLE.alice).modal().close();
});

/**
 * Alice opens the modal and fills a valid session (in the channel's thread,
 * the agreement confirmed); `change` then spoils one thing.
 */
async function submitWith(change: (modal: ModalHandle) => Promise<void>): Promise<Record<string, string> | undefined> {
  const alice = bot.person(PEOPLE.alice);
  await alice.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = alice.modal();
  await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
  await modal.pickUsers('Members', [PEOPLE.carol, PEOPLE.dave]);
  await modal.fill('Title', 'Peer group');
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  await change(modal);
  const { errors } = await modal.submit();
  if (errors) return errors;
  // The people are checked once Slack has the answer: their problems come back in the redrawn form.
  await bot.settle();
  return problemsByLabel(bot.emulator.ws.findView({ id: modal.viewId }));
}

describe('the new-session modal refuses, on the right field', () => {
  it('a presenter who is also the facilitator', async () => {
    const errors = await submitWith((m) => m.pickUsers('Facilitator (guides the steps)', [PEOPLE.bob]));
    expect(errors).toEqual({ 'Facilitator (guides the steps)': "The facilitator guides the steps and can't also be the presenter. Please choose someone else." });
  });

  it('a presenter who would be the only participant', async () => {
    const errors = await submitWith(async (m) => {
      await m.pickUsers('Members', [PEOPLE.bob]);
      await m.check(FACILITATOR_TAKES_PART.label, []);
    });
    expect(errors).toEqual({ Members: "The presenter can't be the only participant: please add the members who will give inputs." });
  });

  it('a presenter listed as a member', async () => {
    const errors = await submitWith((m) => m.pickUsers('Members', [PEOPLE.carol, PEOPLE.bob]));
    expect(errors).toEqual({ Members: "The presenter brings the case and can't also be a member: please remove them here." });
  });

  it('fewer than 2 members, counting the facilitator who takes part', async () => {
    const errors = await submitWith(async (m) => {
      await m.pickUsers('Members', [PEOPLE.carol]);
      await m.check(FACILITATOR_TAKES_PART.label, []);
    });
    expect(errors).toEqual({ Members: 'Please add at least 2 members; more people can join later from the session card.' });
  });

  it('a bot among the members, and the intervision bot itself as presenter', async () => {
    const errors = await submitWith(async (m) => {
      await m.pickUsers('Members', [PEOPLE.carol, PEOPLE.dave, PEOPLE.helper]);
      await m.pickUsers('Presenter (brings the case)', [DEMO.bot]);
    });
    expect(errors).toEqual({
      'Presenter (brings the case)': 'intervision is a bot; only people can take part.',
      Members: 'helper is a bot; only people can take part.',
    });
  });

  it("more members than a session takes: the engine's own check, shown on Members", async () => {
    const errors = await submitWith((m) => m.pickUsers('Members', CROWD));
    expect(errors).toEqual({ Members: `A session takes at most ${MAX_MEMBERS} members.` });
  });

  it('a deactivated account', async () => {
    const errors = await submitWith((m) => m.pickUsers('Members', [PEOPLE.carol, 'U0GONE']));
    expect(errors).toEqual({ Members: "gone's account is deactivated." });
  });

  it('an empty title, and one over 80 characters', async () => {
    expect(await submitWith((m) => m.fill('Title', '   '))).toEqual({ Title: 'Please give the session a short title (no case details).' });
    await bot.person(PEOPLE.alice).modal().close();
    expect(await submitWith((m) => m.fill('Title', 'x'.repeat(81)))).toEqual({ Title: 'Please keep the title to 80 characters (it has 81).' });
  });

  it('a timebox outside 1 to 120 minutes', async () => {
    const errors = await submitWith(async (m) => {
      await m.fill('Presentation', '0');
      await m.fill('Tips', '121');
    });
    expect(errors).toEqual({ Presentation: 'Please give 1 to 120 minutes.', Tips: 'Please give 1 to 120 minutes.' });
  });

  it('a round window outside 1 to 168 hours', async () => {
    const errors = await submitWith(async (m) => {
      await m.select('How you meet', 'Asynchronous');
      await bot.settle();
      await m.fill('Hours each round stays open', '169');
    });
    expect(errors).toEqual({ 'Hours each round stays open': 'Please give 1 to 168 hours.' });
  });

  it('a creator who has not confirmed the confidentiality agreement', async () => {
    const errors = await submitWith((m) => m.check('Confidentiality', []));
    expect(errors).toEqual({ Confidentiality: 'Please confirm the confidentiality agreement: everyone in the session does, you too.' });
  });
});

describe('"How you meet" redraws the form with its own fields', () => {
  /** The labels of the modal's input blocks, as a person reads them. */
  const labels = (modal: ModalHandle): string[] =>
    modal.view.blocks.filter((b) => b.type === 'input').map((b) => String((b.label as { text?: string } | undefined)?.text ?? ''));

  it('asynchronous shows the round window and working days, live the timeboxes; what was filled in stays', async () => {
    const alice = bot.person(PEOPLE.alice);
    await alice.command('/intervision', 'new', CHANNEL);
    await bot.settle();
    const modal = alice.modal();
    await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
    await modal.fill('Title', 'Peer group');
    await modal.fill('Presentation', '7');
    expect(labels(modal)).toContain('Presentation');
    expect(labels(modal)).not.toContain('Hours each round stays open');

    await modal.select('How you meet', 'Live on a call');
    await bot.settle();
    expect(modal.text()).toContain('Live on a call: timeboxes');
    expect(modal.view.blocks.find((b) => b.block_id === 'timebox-presentation')).toMatchObject({ element: { initial_value: '7' } });

    await modal.select('How you meet', 'Asynchronous');
    await bot.settle();
    expect(labels(modal)).toEqual(expect.arrayContaining(['Hours each round stays open', 'Working days']));
    expect(labels(modal)).not.toContain('Presentation');
    const view = modal.view;
    expect(view.state.values.title?.title?.value).toBe('Peer group');
    expect(view.state.values.presenter?.presenter?.selected_user).toBe(PEOPLE.bob);
    expect(bot.emulator.violations).toEqual([]);
  });
});

