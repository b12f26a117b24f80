/**
 * The App Home and the shortcut "Start an intervision", through the real bot
 * and the emulator: a person's home lists their sessions (format, their role,
 * the phase, whose turn it is, a link to the thread) and follows them as they
 * change, without being opened again; someone outside a session never sees
 * it there; a closed session leaves every home and every person index. The
 * home's "Start a session" and the shortcut open the creation form with a
 * channel picker, whose channel is checked like any.
 */
import { CHANNEL_PICKER } from '../../src/slack/blocks';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { SHORTCUT } from '../../src/slack/ids';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { closeSetUpView, problemsByLabel } from '../support/form-problems';
import { globEscape, scanKeys } from '../support/redis';
import { DEMO } from '../support/slack';
import { PLACE, click, createSession } from './play';

const FACILITATOR = PEOPLE.alice;
const PRESENTER = PEOPLE.bob;
const MEMBERS = [PEOPLE.carol, PEOPLE.dave];
/** A member who never opens the Home tab. */
const QUIET = PEOPLE.frank;
/** In no session of this file until it starts one. */
const OUTSIDER = PEOPLE.erin;

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

/** What `user` reads on their Home tab now. */
function home(user: string): string {
  return bot.person(user).read('home');
}

/** Waits until `user`'s Home tab, as Slack shows it, satisfies `probe` (published by the bot, never opened again). */
async function homeShows(user: string, probe: (text: string) => boolean): Promise<string> {
  return bot.emulator.waitFor(() => {
    const text = home(user);
    return probe(text) ? text : undefined;
  }).catch((error: unknown) => {
    throw new Error(`${user}'s home never showed it; it shows:\n${home(user)}\n${String(error)}`);
  });
}

/** Fills the new-session form a person has open (its picker aside) with a valid session and sends it. */
async function fillAndSend(user: string, title: string): Promise<Record<string, string> | undefined> {
  const modal = bot.person(user).modal();
  await modal.pickUsers('Presenter (brings the case)', [PEOPLE.bob]);
  await modal.pickUsers('Members', [PEOPLE.carol, PEOPLE.dave]);
  await modal.fill('Title', title);
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const { errors } = await modal.submit();
  await bot.settle();
  return errors;
}

describe("a person's sessions on their App Home", () => {
  let sessionId: string;

  it('lists the session to each of its people with their role and where it stands; not to anyone else', async () => {
    sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [...MEMBERS, QUIET], title: 'Home circle', facilitatorIsMember: false });
    for (const user of [FACILITATOR, PRESENTER, ...MEMBERS, OUTSIDER]) await bot.person(user).openHome();
    await bot.settle();
    const carol = home(PEOPLE.carol);
    expect(carol).toContain('*Home circle* · Progress-focused intervision · live');
    expect(carol).toContain('You: team member · open for joining');
    expect(carol).toContain('Waiting for the facilitator to start.');
    // The link to its thread is the card's permalink.
    expect(carol).toMatch(/<https:\/\/[^|>]+\|Open the session>/);
    expect(home(FACILITATOR)).toContain('You: facilitator · open for joining');
    expect(home(PRESENTER)).toContain('You: case presenter · open for joining');
    expect(home(OUTSIDER)).not.toContain('Home circle');
    expect(home(OUTSIDER)).toContain('You are not in any session right now.');
    expect(await bot.store.listByPerson(PEOPLE.carol)).toEqual([sessionId]);
    expect(await bot.store.listByPerson(QUIET)).toEqual([sessionId]);
    expect(await bot.store.listByPerson(OUTSIDER)).toEqual([]);
  });

  it('follows the session as it moves on, without being opened again: the phase, and whose turn it is', async () => {
    const published = bot.emulator.calls('views.publish').length;
    await bot.person(FACILITATOR).click('Start (facilitator)', { channel: DEMO.channel });
    await bot.settle();
    const presenter = await homeShows(PRESENTER, (text) => text.includes('Phase 1 of 7: Presentation'));
    expect(presenter).toContain('👉 *Your turn.*');
    expect(await homeShows(PEOPLE.carol, (text) => text.includes('Phase 1 of 7: Presentation'))).not.toContain('Your turn');

    // The presenter told the case: the questions begin, with carol's turn.
    await click(bot, PRESENTER, 'Done (case presenter)');
    const carol = await homeShows(PEOPLE.carol, (text) => text.includes('Phase 2 of 7: Factual questions · round 1'));
    expect(carol).toContain('👉 *Your turn.*');
    expect(carol).toContain(`Waiting for <@${PEOPLE.carol}>'s turn.`);
    const dave = await homeShows(PEOPLE.dave, (text) => text.includes('Phase 2 of 7: Factual questions'));
    expect(dave).not.toContain('Your turn');
    expect(dave).toContain(`Waiting for <@${PEOPLE.carol}>'s turn.`);
    // Only the homes of the session's people who opened theirs were published again, and each a few times at most.
    const again = bot.emulator.calls('views.publish').slice(published).map((call) => String(call.args.user_id));
    expect(new Set(again)).toEqual(new Set([FACILITATOR, PRESENTER, ...MEMBERS]));
    expect(again.length).toBeLessThanOrEqual(4 * 4);
    expect(home(OUTSIDER)).not.toContain('Home circle');
  });

  it('someone who leaves no longer finds it on their home, and is no longer indexed for it, home opened or not', async () => {
    await bot.person(QUIET).click('Leave', { channel: DEMO.channel });
    await bot.settle();
    expect(await bot.store.listByPerson(QUIET)).toEqual([]);
    expect(bot.emulator.home(QUIET)).toBeUndefined();
    await bot.person(PEOPLE.dave).click('Leave', { channel: DEMO.channel });
    await bot.settle();
    expect(await bot.store.listByPerson(PEOPLE.dave)).toEqual([]);
    expect(await homeShows(PEOPLE.dave, (text) => !text.includes('Home circle'))).toContain('You are not in any session right now.');
    expect(home(PEOPLE.carol)).toContain('Home circle');
  });

  it('after close the session leaves every home, and nobody is indexed for it any more', async () => {
    await click(bot, FACILITATOR, 'Close (facilitator)');
    for (const user of [FACILITATOR, PRESENTER, ...MEMBERS]) {
      expect(await homeShows(user, (text) => !text.includes('Home circle'))).toContain('You are not in any session right now.');
      expect(await bot.store.listByPerson(user)).toEqual([]);
    }
    expect(await scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}person:*`)).toEqual([]);
  });
});

describe('starting a session from the App Home, and from the shortcut', () => {
  it('"Start a session" opens the form with a channel picker; a channel the bot is not in is refused under the picker', async () => {
    await bot.person(OUTSIDER).openHome();
    await bot.settle();
    await bot.person(OUTSIDER).click('Start a session', 'home');
    await bot.settle();
    const modal = bot.person(OUTSIDER).modal();
    expect(modal.title).toBe('New intervision session');
    expect(modal.view.private_metadata).toBe('new|pick');
    // Nothing picked yet: the form says so on its field, and nothing is created.
    const unpicked = await fillAndSend(OUTSIDER, 'Picked circle');
    expect(unpicked).toEqual({ Channel: CHANNEL_PICKER.missing });

    await modal.pickConversation('Channel', DEMO.outside);
    expect(await fillAndSend(OUTSIDER, 'Picked circle')).toBeUndefined();
    expect(problemsByLabel(bot.person(OUTSIDER).modal().view)).toEqual({ Channel: CHANNEL_PICKER.notIn });
    expect(await bot.store.listByChannel(DEMO.outside)).toEqual([]);

    // Picking the channel the bot is in, the session is created there.
    await bot.person(OUTSIDER).modal().pickConversation('Channel', DEMO.channel);
    expect(await fillAndSend(OUTSIDER, 'Picked circle')).toBeUndefined();
    await closeSetUpView(bot.person(OUTSIDER).modal());
    const id = await bot.sessionId();
    expect((await bot.store.load(id))?.title).toBe('Picked circle');
    expect(bot.card()?.blocks.some((b) => JSON.stringify(b).includes('Picked circle'))).toBe(true);
    // Its creator's home, opened before, now lists it.
    expect(await homeShows(OUTSIDER, (text) => text.includes('Picked circle'))).toContain('You: facilitator');
    await click(bot, OUTSIDER, 'Close (facilitator)');
  });

  it('the shortcut opens the form with the picker on the channel where it was used; the session runs in the channel picked', async () => {
    const used = await bot.person(PEOPLE.frank).shortcut(SHORTCUT, DEMO.outside);
    expect(used.status).toBe(200);
    await bot.settle();
    const modal = bot.person(PEOPLE.frank).modal();
    expect(modal.view.state.values.channel?.channel).toEqual({ type: 'conversations_select', selected_conversation: DEMO.outside });
    await modal.pickConversation('Channel', DEMO.channel);
    expect(await fillAndSend(PEOPLE.frank, 'Shortcut circle')).toBeUndefined();
    await closeSetUpView(bot.person(PEOPLE.frank).modal());
    const id = await bot.sessionId();
    const session = await bot.store.load(id);
    expect(session).toMatchObject({ title: 'Shortcut circle', channel: DEMO.channel, facilitator: PEOPLE.frank });
    await click(bot, PEOPLE.frank, 'Close (facilitator)');
  });

  it('/intervision new keeps its channel and has no picker', async () => {
    await bot.person(PEOPLE.frank).command('/intervision', 'new');
    await bot.settle();
    const modal = bot.person(PEOPLE.frank).modal();
    expect(modal.view.blocks.some((b) => b.block_id === 'channel')).toBe(false);
    expect(modal.view.private_metadata).toBe(`new|${DEMO.channel}`);
    await modal.close();
  });
});

describe('over Socket Mode', () => {
  it('the Home tab is published on opening and the shortcut opens the form, the same as over HTTP', async () => {
    const socketBot = await startTestBot({ name: `${__filename}-socket`, transport: 'socket' });
    try {
      await socketBot.person(PEOPLE.carol).openHome();
      await socketBot.settle();
      expect(socketBot.person(PEOPLE.carol).read('home')).toContain('You are not in any session right now.');
      expect((await socketBot.person(PEOPLE.carol).shortcut(SHORTCUT, DEMO.channel)).status).toBe(200);
      await socketBot.settle();
      const modal = socketBot.person(PEOPLE.carol).modal();
      expect(modal.view.state.values.channel?.channel).toEqual({ type: 'conversations_select', selected_conversation: DEMO.channel });
      expect(socketBot.emulator.violations).toEqual([]);
    } finally {
      await socketBot.stop();
    }
  });
});
