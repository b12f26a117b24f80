/**
 * The App Home where any workspace installs the bot: the same person (the
 * same user id) in two workspaces sees, in each, only that workspace's
 * sessions; a change in one workspace publishes homes there only; the
 * creation form opened by the shortcut refuses a channel of the other
 * workspace; an uninstall drops the workspace's person indexes.
 */
import type { SlackEmulator } from '../../dev/emulator';
import { CHANNEL_PICKER } from '../../src/slack/blocks';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { SHORTCUT } from '../../src/slack/ids';
import { type DistributedBot, startDistributedBot } from '../support/distributed-bot';
import { closeSetUpView, problemsByLabel } from '../support/form-problems';
import { globEscape, scanKeys } from '../support/redis';
import { DEMO } from '../support/slack';
import { TEAMS } from '../support/workspaces';

const { alice, bob, carol, dave } = DEMO.users;
const CHANNEL = DEMO.channel;
/** A channel only the second workspace has, the bot in it. */
const ONLY_IN_B = 'C0BONLY';

let bot: DistributedBot;

beforeAll(async () => {
  bot = await startDistributedBot(__filename);
  bot.slack.b.addChannel({ id: ONLY_IN_B, name: 'b-only', members: [alice, bob, carol, dave, TEAMS.b.bot] });
  expect((await bot.install(TEAMS.a.id, alice)).status).toBe(200);
  expect((await bot.install(TEAMS.b.id, bob)).status).toBe(200);
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.slack.a.violations).toEqual([]);
  expect(bot.slack.b.violations).toEqual([]);
});

/** Alice fills the creation form she has open in `emulator` (its channel aside) and sends it. */
async function sendForm(emulator: SlackEmulator, title: string): Promise<void> {
  const modal = emulator.person(alice).modal();
  await modal.pickUsers('Presenter (brings the case)', [bob]);
  await modal.pickUsers('Members', [carol, dave]);
  await modal.fill('Title', title);
  await modal.select('Who can read the session', "This channel's thread");
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`the new-session modal refused: ${JSON.stringify(errors)}`);
  await bot.settle();
}

/** Alice starts a session in #intervision of `emulator` from the shortcut; its id. */
async function startFromShortcut(emulator: SlackEmulator, team: string, title: string): Promise<string> {
  await emulator.person(alice).shortcut(SHORTCUT, CHANNEL);
  await bot.settle();
  await sendForm(emulator, title);
  await closeSetUpView(emulator.person(alice).modal());
  const id = (await bot.store.listByChannel(CHANNEL, team)).at(-1);
  if (!id) throw new Error(`no session in #intervision of ${team}`);
  return id;
}

describe('the App Home with two workspaces', () => {
  let idA: string;
  let idB: string;

  it("the shortcut's form refuses a channel of the other workspace, and creates the session in its own", async () => {
    await bot.slack.a.person(alice).shortcut(SHORTCUT, CHANNEL);
    await bot.settle();
    // A channel id only the other workspace has, sent as a forged picker value would carry it.
    await bot.slack.a.person(alice).modal().pickConversation('Channel', ONLY_IN_B);
    await sendForm(bot.slack.a, 'Workspace A circle');
    expect(problemsByLabel(bot.slack.a.person(alice).modal().view)).toEqual({ Channel: CHANNEL_PICKER.notIn });
    expect(await bot.store.listByChannel(ONLY_IN_B, TEAMS.b.id)).toEqual([]);
    expect(await bot.store.listByChannel(ONLY_IN_B, TEAMS.a.id)).toEqual([]);
    expect(bot.slack.b.channelMessages(ONLY_IN_B)).toEqual([]);
    await bot.slack.a.person(alice).modal().close();

    idA = await startFromShortcut(bot.slack.a, TEAMS.a.id, 'Workspace A circle');
    idB = await startFromShortcut(bot.slack.b, TEAMS.b.id, 'Workspace B circle');
    expect((await bot.store.load(idA))?.team).toBe(TEAMS.a.id);
    expect((await bot.store.load(idB))?.team).toBe(TEAMS.b.id);
  });

  it("a person's home in each workspace lists that workspace's sessions only", async () => {
    for (const emulator of [bot.slack.a, bot.slack.b]) await emulator.person(carol).openHome();
    await bot.settle();
    const inA = bot.slack.a.person(carol).read('home');
    const inB = bot.slack.b.person(carol).read('home');
    expect(inA).toContain('Workspace A circle');
    expect(inA).not.toContain('Workspace B circle');
    expect(inB).toContain('Workspace B circle');
    expect(inB).not.toContain('Workspace A circle');
    expect(await bot.store.listByPerson(carol, TEAMS.a.id)).toEqual([idA]);
    expect(await bot.store.listByPerson(carol, TEAMS.b.id)).toEqual([idB]);
    expect(await bot.store.listByPerson(carol)).toEqual([]);
  });

  it('a change in one workspace publishes homes there only, and the other home stays as it was', async () => {
    const publishedInA = bot.slack.a.calls('views.publish').length;
    await bot.slack.b.person(carol).click('Leave', { channel: CHANNEL });
    await bot.settle();
    await bot.slack.b.waitFor(() => !bot.slack.b.person(carol).read('home').includes('Workspace B circle'));
    expect(bot.slack.a.person(carol).read('home')).toContain('Workspace A circle');
    expect(bot.slack.a.calls('views.publish')).toHaveLength(publishedInA);
    expect(await bot.store.listByPerson(carol, TEAMS.a.id)).toEqual([idA]);
    expect(await bot.store.listByPerson(carol, TEAMS.b.id)).toEqual([]);
  });

  it("an uninstall drops that workspace's person indexes; the other's stay", async () => {
    const pattern = (team: string) => `${globEscape(bot.redis.prefix)}person:${team}:*`;
    expect(await scanKeys(bot.redis.redis, pattern(TEAMS.b.id))).not.toEqual([]);
    await bot.slack.cloud.uninstall(TEAMS.b.id);
    await bot.settle();
    expect(await scanKeys(bot.redis.redis, pattern(TEAMS.b.id))).toEqual([]);
    expect(await bot.store.listByPerson(alice, TEAMS.a.id)).toEqual([idA]);
  });
});
