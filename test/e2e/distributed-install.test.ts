/**
 * "Any workspace can install it", end to end over HTTP: two workspaces
 * install the bot through Bolt's install flow (/slack/install, Slack's
 * consent page, /slack/oauth_redirect), their installations are stored
 * encrypted, and a session runs in each, with the same channel id and the
 * same people's ids in both. Nothing of one workspace can be reached from the
 * other. An uninstall closes the workspace's sessions at once and drops what
 * was stored; the other workspace goes on. The bot is the real one; Slack is
 * the emulator (dev/emulator/cloud.ts); Redis is real.
 */
import type { Json, SlackEmulator } from '../../dev/emulator';
import { INSTALLED_TEXT, ORG_WIDE_TEXT } from '../../src/slack/install/oauth';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { inWorkspace } from '../../src/service/workspace';
import { t } from '../../src/i18n';
import { type DistributedBot, startDistributedBot } from '../support/distributed-bot';
import { closeSetUpView } from '../support/form-problems';
import { DEMO } from '../support/slack';
import { APP, TEAMS } from '../support/workspaces';

const { alice, bob, carol } = DEMO.users;
const CHANNEL = DEMO.channel;
/** In every title, so the logs can be searched for it. */
const MARK = 'Distributed-circle';

/** The bot's top-level messages in #intervision of a workspace (the cards), as stored by the emulator. */
function cards(emulator: SlackEmulator, bot: string): Json[] {
  return emulator.channelMessages(CHANNEL).filter((m) => m.user === bot);
}

/** Alice creates a session in #intervision of `emulator`, with bob presenting and carol a member; both agree. Returns its id. */
async function runSession(bot: DistributedBot, emulator: SlackEmulator, team: string, title: string): Promise<string> {
  const facilitator = emulator.person(alice);
  await facilitator.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = facilitator.modal();
  await modal.pickUsers('Presenter (brings the case)', [bob]);
  await modal.pickUsers('Members', [carol]);
  await modal.fill('Title', title);
  await modal.select('Who can read the session', "This channel's thread");
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`the new-session modal refused: ${JSON.stringify(errors)}`);
  await bot.settle();
  await closeSetUpView(modal);
  for (const user of [bob, carol]) {
    await emulator.person(user).click('Read and join', 'dm');
    await bot.settle();
    const agreement = emulator.person(user).modal();
    await agreement.check('Your confirmation', ['I agree']);
    await agreement.submit();
    await bot.settle();
    await agreement.close();
  }
  await emulator.person(alice).click('Start (facilitator)', { channel: CHANNEL });
  await bot.settle();
  const ids = await bot.store.listByChannel(CHANNEL, team);
  const id = ids.at(-1);
  if (!id) throw new Error(`no session in #intervision of ${team}`);
  return id;
}

describe('a bot any workspace installs, in two workspaces', () => {
  let bot: DistributedBot;

  beforeAll(async () => {
    bot = await startDistributedBot(__filename);
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.slack.a.violations).toEqual([]);
    expect(bot.slack.b.violations).toEqual([]);
  });

  it('before any install, a workspace gets no answer and the bot stores nothing', async () => {
    const answer = await bot.slack.cloud.driver(TEAMS.a.id).command({ user: alice, channel: CHANNEL, command: '/intervision', text: 'help' });
    expect(answer.status).toBe(200);
    expect(bot.slack.a.ephemerals(alice)).toEqual([]);
    expect(await bot.redis.keys()).toEqual([]);
    expect(bot.logLines.join('\n')).toContain('a request from a workspace that has not installed the bot');
  });

  it('a link opened in another browser (no state cookie) installs nothing', async () => {
    const page = await bot.install(TEAMS.a.id, alice, { cookie: false });
    expect(page.status).toBe(400);
    expect(page.text).toContain('opened in another browser');
    expect(await bot.installations.load(TEAMS.a.id)).toBeUndefined();
    expect(bot.slack.a.tokens.accepted()).toEqual([]);
  });

  it('installs in the first workspace through /slack/install, Slack and /slack/oauth_redirect, the installation stored encrypted', async () => {
    const page = await bot.install(TEAMS.a.id, alice);
    expect(page).toEqual({ status: 200, text: expect.stringContaining(INSTALLED_TEXT) });
    const [token] = bot.slack.a.tokens.accepted();
    expect(token).toMatch(/^xoxb-/);
    expect(await bot.installations.load(TEAMS.a.id)).toMatchObject({ team: { id: TEAMS.a.id }, bot: { token, userId: TEAMS.a.bot }, isEnterpriseInstall: false });
    const stored = await bot.redis.redis.get(`${bot.redis.prefix}installation:${TEAMS.a.id}`);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(String(token));
    // At start the bot checked its client ID and secret with a made-up code (Slack's invalid_code means they are right).
    expect(bot.slack.cloud.oauth.exchanges).toEqual([{ grant: 'code', error: 'invalid_code' }, { grant: 'code', team: TEAMS.a.id }]);
  });

  it('a session runs in that workspace with its token, and none of it reaches the other', async () => {
    const id = await runSession(bot, bot.slack.a, TEAMS.a.id, `${MARK} A`);
    expect((await bot.store.load(id))?.team).toBe(TEAMS.a.id);
    expect((await bot.store.load(id))?.status).toBe('running');
    expect(cards(bot.slack.a, TEAMS.a.bot)).toHaveLength(1);
    expect(bot.slack.b.channelMessages(CHANNEL)).toEqual([]);
    // Every call the bot made went to the first workspace, with the token it was given.
    const [token] = bot.slack.a.tokens.accepted();
    expect(bot.slack.a.tokens.uses(String(token))).toBeGreaterThan(5);
    expect(bot.slack.b.calls()).toEqual([]);
  });

  it('the second workspace installs too; its sessions, in the same channel id with the same people, are its own', async () => {
    expect((await bot.install(TEAMS.b.id, bob)).status).toBe(200);
    const mine = await runSession(bot, bot.slack.b, TEAMS.b.id, `${MARK} B`);
    expect((await bot.store.load(mine))?.team).toBe(TEAMS.b.id);
    expect(cards(bot.slack.b, TEAMS.b.bot)).toHaveLength(1);
    expect(cards(bot.slack.a, TEAMS.a.bot)).toHaveLength(1);

    // Each workspace's /intervision list shows its own session only.
    for (const [emulator, title, other] of [[bot.slack.a, `${MARK} A`, `${MARK} B`], [bot.slack.b, `${MARK} B`, `${MARK} A`]] as const) {
      await emulator.person(carol).command('/intervision', 'list', CHANNEL);
      await bot.settle();
      const listed = emulator.person(carol).read('ephemeral');
      expect(listed).toContain(title);
      expect(listed).not.toContain(other);
    }
  });

  it("a button of one workspace's session, sent from the other workspace, is refused kindly and changes nothing", async () => {
    const [idA] = await bot.store.listByChannel(CHANNEL, TEAMS.a.id);
    const before = await bot.store.load(String(idA));
    // Carol of the second workspace "clicks" the first workspace's Leave: its value names that session.
    const own = bot.slack.b.person(carol).findButton('Leave', { channel: CHANNEL });
    const foreign = bot.slack.a.person(carol).findButton('Leave', { channel: CHANNEL }).control.element;
    expect(foreign.value).toContain(String(idA));
    const action = { type: 'button', action_id: foreign.action_id, block_id: own.control.block.block_id, value: foreign.value };
    await bot.slack.cloud.driver(TEAMS.b.id).blockAction({ user: carol, source: own.item.source, action });
    await bot.settle();
    expect(bot.slack.b.ephemerals(carol).at(-1)?.text).toBe(t('en', 'refusals:service.otherWorkspace'));
    expect(await bot.store.load(String(idA))).toEqual(before);
    expect(before?.members).toContain(carol);
    // The service says the same, whatever asks it.
    expect(await inWorkspace(TEAMS.b.id, () => bot.services.load(String(idA)))).toBeNull();
  });

  it('an uninstall closes that workspace’s sessions at once and drops its data; its messages stay; the other goes on', async () => {
    const [idA] = await bot.store.listByChannel(CHANNEL, TEAMS.a.id);
    const [idB] = await bot.store.listByChannel(CHANNEL, TEAMS.b.id);
    expect(await bot.timers.list(String(idA))).not.toEqual([]);
    const answers = await bot.slack.cloud.uninstall(TEAMS.a.id);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await bot.settle();

    expect(await bot.installations.load(TEAMS.a.id)).toBeUndefined();
    expect(await bot.store.load(String(idA))).toBeNull();
    expect(await bot.store.messages(String(idA))).toEqual({});
    expect(await bot.timers.list(String(idA))).toEqual([]);
    expect(await bot.store.listByTeam(TEAMS.a.id)).toEqual([]);
    const left = (await bot.redis.keys()).filter((key) => key.includes(String(idA)) || key.includes(TEAMS.a.id));
    expect(left).toEqual([]);
    // Its token no longer works, so its card and thread stay in its Slack (docs/privacy.md says so).
    expect(cards(bot.slack.a, TEAMS.a.bot)).toHaveLength(1);

    // The other workspace goes on: its facilitator closes its session, which deletes its messages.
    expect((await bot.store.load(String(idB)))?.status).toBe('running');
    await bot.slack.b.person(alice).click('Close (facilitator)', { channel: CHANNEL });
    await bot.settle();
    expect(await bot.store.load(String(idB))).toBeNull();
    const cardB = cards(bot.slack.b, TEAMS.b.bot)[0];
    expect(bot.slack.b.thread(CHANNEL, String(cardB?.ts)).filter((m) => m.user === TEAMS.b.bot && m.ts !== cardB?.ts)).toEqual([]);
  });

  it('never logged a token, a secret, or what anyone wrote', () => {
    const logs = bot.logLines.join('\n');
    expect(logs).not.toContain(MARK);
    expect(logs).not.toContain(APP.clientSecret);
    expect(logs).not.toMatch(/xox[a-z]-|xoxe\./);
    expect(logs).toContain('a workspace installed the bot');
    expect(logs).toContain('a workspace removed the bot');
  });
});

describe('installing with token rotation, a cancelled consent, and an organization-wide install', () => {
  let bot: DistributedBot;

  beforeAll(async () => {
    // Tokens expire within the hour: Bolt's installer refreshes any token with less than 2 h left, so every use rotates it.
    bot = await startDistributedBot(`${__filename}-rotation`, { tokenExpiresIn: 3600, orgWideB: 'E0ORG' });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.slack.a.violations).toEqual([]);
  });

  it('a person who cancels on Slack’s consent page is told so, and nothing is installed', async () => {
    bot.slack.cloud.oauth.decline();
    const page = await bot.install(TEAMS.a.id, alice);
    expect(page.status).toBe(400);
    expect(page.text).toContain('The installation was cancelled');
    expect(await bot.installations.load(TEAMS.a.id)).toBeUndefined();
  });

  it('a rotating token is refreshed before it expires, stored again encrypted, and the session runs on the new one', async () => {
    expect((await bot.install(TEAMS.a.id, alice)).status).toBe(200);
    const installed = (await bot.installations.load(TEAMS.a.id)) as { bot: { token: string; refreshToken: string; expiresAt: number } };
    expect(installed.bot.refreshToken).toMatch(/^xoxe-1-/);
    expect(installed.bot.expiresAt).toBeGreaterThan(Date.now() / 1000);

    const id = await runSession(bot, bot.slack.a, TEAMS.a.id, `${MARK} rotating`);
    expect((await bot.store.load(id))?.status).toBe('running');
    const refreshed = (await bot.installations.load(TEAMS.a.id)) as { bot: { token: string; refreshToken: string } };
    expect(refreshed.bot.token).not.toBe(installed.bot.token);
    expect(refreshed.bot.refreshToken).not.toBe(installed.bot.refreshToken);
    expect(bot.slack.cloud.oauth.exchanges.filter((e) => e.grant === 'refresh_token' && !e.error).length).toBeGreaterThan(0);
    // The stored token is one Slack accepts, and the refreshed tokens carried the session's calls.
    expect(bot.slack.a.tokens.accepted()).toContain(refreshed.bot.token);
    const stored = await bot.redis.redis.get(`${bot.redis.prefix}installation:${TEAMS.a.id}`);
    expect(stored).not.toContain(refreshed.bot.token);
    expect(stored).not.toContain(refreshed.bot.refreshToken);
    expect(bot.slack.a.tokens.uses(installed.bot.token)).toBeLessThan(bot.slack.a.calls().length);
  });

  it('an install for a whole Enterprise Grid organization is refused with a page, its token revoked and nothing stored', async () => {
    const page = await bot.install(TEAMS.b.id, bob);
    expect(page.status).toBe(403);
    expect(page.text).toContain(ORG_WIDE_TEXT);
    expect(bot.slack.b.tokens.accepted()).toEqual([]);
    expect(await bot.installations.load(TEAMS.b.id)).toBeUndefined();
    expect((await bot.redis.keys()).filter((key) => key.includes('E0ORG') || key.includes(TEAMS.b.id))).toEqual([]);
  });

  it('never logged a token or a secret', () => {
    const logs = bot.logLines.join('\n');
    expect(logs).not.toContain(APP.clientSecret);
    expect(logs).not.toMatch(/xox[a-z]-|xoxe\./);
    expect(logs).toContain('an installation for a whole organization was refused');
  });
});
