/**
 * Issue 6: requests that must never reach a listener, or must not be
 * trusted when they do. HTTP mode: a body changed after signing, a timestamp
 * more than five minutes old or more than five minutes in the future, and a
 * missing signature get 401 and change nothing (the request guard's check,
 * and Bolt's again behind it; the bare mechanism is also covered in
 * test/emulator/driver.test.ts). A signed body that is not an object, or not
 * shaped the way Bolt needs to route it, gets 400 at once instead of a 500,
 * an unanswered request or an unhandled rejection inside Bolt. And the
 * new-session modal's channel, which comes back in private_metadata, is
 * checked again at submission.
 */
import type { Session } from '../../src/engine/session';
import { type EmuView, type Json, signRequest } from '../../dev/emulator';
import { blockActionsPayload } from '../../dev/emulator/driver-payloads';
import { NEW_SESSION_FIELDS } from '../../src/slack/blocks';
import { NOT_HERE_TEXT } from '../../src/slack/listeners/views/new-session-setup';
import { INVITE_TEXT } from '../../src/slack/listeners/support/place';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { openModal, submitForged } from './forge';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { PLACE, click, createSession } from './play';

const { alice, bob, carol, dave, erin, grace } = PEOPLE;

let bot: TestBot;
let mine = '';

async function load(id: string): Promise<Session | null> {
  return bot.store.load(id);
}

/** The session as stored and how many messages the bot has sent or changed: what a refused request must not change. */
async function snapshot(): Promise<unknown> {
  const messages = bot.emulator.calls().filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update').length;
  return { session: await load(mine), messages };
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  mine = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], title: 'Signed' });
  await click(bot, alice, 'Start (facilitator)');
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('signed bodies that are not an object', () => {
  it('are answered 400 at once, nothing is logged as unhandled, and the bot goes on answering', async () => {
    const before = await snapshot();
    const bodies: Array<[string, string]> = [
      ['null', 'application/json'],
      [' null ', 'application/json'],
      ['payload=null', 'application/x-www-form-urlencoded'],
      ['[1,2]', 'application/json'],
      ['"text"', 'application/json'],
      ['payload=42', 'application/x-www-form-urlencoded'],
    ];
    for (const [body, contentType] of bodies) {
      const response = await bot.driver.send(body, contentType);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.ms).toBeLessThan(1000);
    }
    expect(await snapshot()).toEqual(before);
    const help = await bot.person(erin).command('/intervision', 'help', CHANNEL);
    expect(help.status).toBe(200);
  });
});

describe('signed bodies Bolt cannot route: missing or broken user, team, actions, view or event', () => {
  /** Alice's "Close" on the card, as Slack would send it, changed by `change`. */
  function brokenClose(change: (payload: Json) => void): string {
    const card = bot.card();
    if (!card?.ts) throw new Error('no card');
    const { control } = bot.person(alice).findButton('Close (facilitator)', { channel: CHANNEL, ts: card.ts });
    const el = control.element;
    const payload = blockActionsPayload(bot.emulator, {
      user: alice,
      source: { kind: 'message', channel: CHANNEL, ts: card.ts },
      action: { type: 'button', action_id: el.action_id, block_id: control.block.block_id, value: el.value },
      triggerId: bot.emulator.issueTrigger(alice),
    });
    change(payload);
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  it('are answered 400 at once, none is answered 5xx, nothing changes, and the same click unbroken is still taken', async () => {
    const before = await snapshot();
    const failedBefore = bot.logLines.filter((line) => line.includes('An unhandled error occurred')).length;
    const form = 'application/x-www-form-urlencoded';
    const bodies: Array<[string, string, string]> = [
      ['a click without a type', brokenClose((p) => delete p.type), form],
      ['a click without a user', brokenClose((p) => delete p.user), form],
      ['a click whose user is null', brokenClose((p) => (p.user = null)), form],
      ['a click without a team', brokenClose((p) => delete p.team), form],
      ['a click whose actions are null', brokenClose((p) => (p.actions = null)), form],
      ['a click whose actions are an object', brokenClose((p) => (p.actions = { action_id: 'iv_close' })), form],
      ['a click whose channel is null', brokenClose((p) => (p.channel = null)), form],
      ['a click whose team is __proto__', brokenClose((p) => (p.team = { id: '__proto__' })), form],
      ['a submission without a view', `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: alice }, team: { id: DEMO.team } }))}`, form],
      ['a submission whose view has no state', `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: alice }, team: { id: DEMO.team }, view: { id: 'V1', callback_id: 'iv_input' } }))}`, form],
      ['an event that is a number', JSON.stringify({ type: 'event_callback', team_id: DEMO.team, event: -1e308, event_id: 'Ev1' }), 'application/json'],
      ['an event whose user is null', JSON.stringify({ type: 'event_callback', team_id: DEMO.team, event: { type: 'message', user: null, channel: CHANNEL, ts: '1.1' }, event_id: 'Ev2' }), 'application/json'],
      ['a command whose team is __proto__', new URLSearchParams({ command: '/intervision', text: 'help', user_id: erin, channel_id: CHANNEL, team_id: '__proto__', response_url: 'http://127.0.0.1:9/x' }).toString(), form],
      ['a body that is not JSON', 'payload=%7B%22type%22', form],
    ];
    for (const [what, body, contentType] of bodies) {
      const response = await bot.driver.send(body, contentType);
      expect({ what, status: response.status }).toEqual({ what, status: 400 });
      expect(response.ms).toBeLessThan(1000);
    }
    await bot.settle();
    expect(await snapshot()).toEqual(before);
    expect(bot.logLines.filter((line) => line.includes('An unhandled error occurred'))).toHaveLength(failedBefore);
    // The guard refused them by their shape, not for being a click: the same click as Slack sends it is answered.
    const help = await bot.person(erin).command('/intervision', 'help', CHANNEL);
    expect(help.status).toBe(200);
    const asErin = brokenClose((p) => (p.user = { id: erin, team_id: DEMO.team }));
    expect((await bot.driver.send(asErin, form)).status).toBe(200);
    await bot.settle();
    expect(bot.person(erin).ephemerals().at(-1)?.text).toBe(`Only the facilitator (<@${alice}>) can close the session.`);
    expect(await snapshot()).toEqual(before);
  });
});

describe('requests Slack did not sign (HTTP mode: the request guard checks the signature and the five-minute window both ways, Bolt again behind it)', () => {
  /** The facilitator's "Close" on the card, as Slack would send it. */
  function closeClick(): { body: string; url: string } {
    const card = bot.card();
    if (!card?.ts) throw new Error('no card');
    const { control } = bot.person(alice).findButton('Close (facilitator)', { channel: CHANNEL, ts: card.ts });
    const el = control.element;
    const payload = blockActionsPayload(bot.emulator, {
      user: alice,
      source: { kind: 'message', channel: CHANNEL, ts: card.ts },
      action: { type: 'button', action_id: el.action_id, block_id: control.block.block_id, value: el.value },
      triggerId: bot.emulator.issueTrigger(alice),
    });
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), url: `http://127.0.0.1:${bot.running.port ?? 0}/slack/events` };
  }

  it('a body changed after signing (carol\'s click made to look like alice\'s) is refused with 401 and nothing closes', async () => {
    const before = await snapshot();
    const { body, url } = closeClick();
    const timestamp = Math.floor(Date.now() / 1000);
    const signedFor = body.replace(encodeURIComponent(`"id":"${alice}"`), encodeURIComponent(`"id":"${carol}"`));
    expect(signedFor).not.toBe(body);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signRequest(bot.bench.signingSecret, timestamp, signedFor) };
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(401);
    await bot.settle();
    expect(await snapshot()).toEqual(before);
  });

  it('an old timestamp, one from the future and a missing signature are refused with 401, and nothing closes', async () => {
    const before = await snapshot();
    for (const forgery of ['stale-timestamp', 'future-timestamp', 'missing-headers'] as const) {
      const { body } = closeClick();
      const response = await bot.driver.forged(forgery).send(body, 'application/x-www-form-urlencoded');
      expect({ forgery, status: response.status }).toEqual({ forgery, status: 401 });
    }
    await bot.settle();
    expect(await snapshot()).toEqual(before);
    expect(bot.person(alice).ephemerals().filter((e) => e.text.includes('closed'))).toEqual([]);
  });

  it('the same click, signed by Slack, closes the session: the refusals were about the signature', async () => {
    const { body } = closeClick();
    expect((await bot.driver.send(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await bot.settle();
    expect(await load(mine)).toBeNull();
  });
});

describe("the new-session modal's channel rewritten", () => {
  let modal: EmuView;

  beforeAll(async () => {
    await bot.person(carol).command('/intervision', 'new', CHANNEL);
    await bot.settle();
    const form = bot.person(carol).modal();
    await form.pickUsers('Presenter (brings the case)', [dave]);
    await form.pickUsers('Members', [erin, grace]);
    await form.fill('Title', 'Elsewhere');
    await form.select(PLACE.label, PLACE.thread);
    await form.check('Confidentiality', [CREATOR_AGREEMENT]);
    modal = openModal(bot, carol);
  });

  /** Sessions in every channel of the workspace, so a session made anywhere is seen. */
  async function everySession(): Promise<string[]> {
    const channels = [CHANNEL, DEMO.outside, DEMO.private];
    return (await Promise.all(channels.map((c) => bot.store.listByChannel(c)))).flat();
  }

  /** Who among the people carol named has an invitation to her session in their DMs. */
  function invited(): string[] {
    return [dave, erin, grace].filter((user) => bot.person(user).read('dm').includes('Elsewhere'));
  }

  it('pointed at a channel the bot is not in, it is refused on the title and no session is made', async () => {
    const before = await everySession();
    const errors = await submitForged(bot, carol, modal, { private_metadata: `new|${DEMO.outside}` });
    expect(errors).toEqual({ [NEW_SESSION_FIELDS.title.block]: INVITE_TEXT });
    expect(await everySession()).toEqual(before);
    expect(invited()).toEqual([]);
  });

  it('pointed at a private channel the bot is in and carol is not, it is refused: nobody starts a session where they are not', async () => {
    const before = await everySession();
    const errors = await submitForged(bot, carol, modal, { private_metadata: `new|${DEMO.private}` });
    expect(errors).toEqual({ [NEW_SESSION_FIELDS.title.block]: NOT_HERE_TEXT });
    expect(await everySession()).toEqual(before);
    expect(bot.emulator.channelMessages(DEMO.private)).toEqual([]);
    expect(invited()).toEqual([]);
  });

  it('left as it was, the session is made in the channel carol typed the command in', async () => {
    const before = await bot.store.listByChannel(CHANNEL);
    expect(await submitForged(bot, carol, modal)).toBeUndefined();
    expect(await bot.store.listByChannel(CHANNEL)).toHaveLength(before.length + 1);
    expect(invited()).toEqual([dave, erin, grace]);
  });
});
