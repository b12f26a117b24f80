/**
 * /intervision new and list, as the person who types them sees the answer:
 * where the bot can't work they learn how to invite it; elsewhere the modal
 * opens (with the named format) or the channel's sessions are listed.
 */
import { DM_TEXT, INVITE_TEXT } from '../../../src/slack/listeners/support/place';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { DEMO } from '../../support/slack';
import { createSession } from '../../e2e/play';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  // A private channel the bot is not in: to the bot it does not exist.
  bot.emulator.addChannel({ id: 'C0SECRET', name: 'secret', is_private: true, members: [PEOPLE.alice, PEOPLE.bob] });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
  for (const user of Object.values(PEOPLE)) expect(bot.emulator.openViews(user)).toEqual([]);
});

/** Runs the command and returns the private answers it produced. */
async function type(user: string, text: string, channel: string): Promise<string[]> {
  const before = bot.emulator.ephemerals(user).length;
  await bot.person(user).command('/intervision', text, channel);
  await bot.settle();
  return bot.emulator.ephemerals(user).slice(before).map((e) => e.text);
}

describe('/intervision where the bot cannot run a session', () => {
  it('in a direct message, says that sessions run in a shared channel and how to invite the bot', async () => {
    const dm = bot.emulator.ws.dmWith(PEOPLE.carol).id;
    expect(await type(PEOPLE.carol, 'new', dm)).toEqual([DM_TEXT]);
    expect(DM_TEXT).toContain('/invite @Intervision');
  });

  it('in a public channel the bot is not in, says how to invite it, and opens nothing', async () => {
    expect(await type(PEOPLE.alice, 'new', DEMO.outside)).toEqual([INVITE_TEXT]);
    expect(INVITE_TEXT).toContain('/invite @Intervision');
  });

  it('in a private channel the bot is not in (channel_not_found to the bot), says the same', async () => {
    expect(await type(PEOPLE.alice, 'new', 'C0SECRET')).toEqual([INVITE_TEXT]);
  });

  it('/intervision list outside the bot\'s channels says how to invite it too', async () => {
    expect(await type(PEOPLE.bob, 'list', DEMO.outside)).toEqual([INVITE_TEXT]);
  });
});

describe('/intervision new in a channel the bot is in', () => {
  it('opens the modal with the named format preselected', async () => {
    await bot.person(PEOPLE.alice).command('/intervision', 'new agile', CHANNEL);
    await bot.settle();
    const modal = bot.person(PEOPLE.alice).modal();
    expect(modal.text()).toContain('Case story');
    expect(modal.text()).not.toContain('Factual questions');
    await modal.close();
  });

  it('with an unknown format, opens the modal with the first format and lists the formats privately', async () => {
    const answers = await type(PEOPLE.alice, 'new fishbowl', CHANNEL);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('I don\'t know a format called “fishbowl”');
    expect(answers[0]).toContain('`agile-intervision`');
    const modal = bot.person(PEOPLE.alice).modal();
    expect(modal.text()).toContain('Factual questions');
    await modal.close();
  });
});

describe('a bare /intervision, and its help', () => {
  it('opens the form of a new session, as the App Home says it does', async () => {
    expect(await type(PEOPLE.alice, '', CHANNEL)).toEqual([]);
    const modal = bot.person(PEOPLE.alice).modal();
    expect(modal.title).toBe('New intervision session');
    await modal.close();
    await bot.person(PEOPLE.alice).openHome();
    await bot.settle();
    expect(bot.person(PEOPLE.alice).read('home')).toContain('Type `/intervision` there and choose a format');
  });

  it('/intervision help lists the formats one can name, each with the command that starts it', async () => {
    await type(PEOPLE.erin, 'help', CHANNEL);
    const help = bot.person(PEOPLE.erin).read('ephemeral');
    expect(help).toContain('*The formats you can name*');
    expect(help).toContain('• *Progress-focused intervision* – `/intervision new progress-focused`');
    expect(help).toContain('• *Agile-Intervision* – `/intervision new agile-intervision`');
    expect(help).toContain('• *Collegial consultation* – `/intervision new collegial-consultation`');
    expect(bot.emulator.openViews(PEOPLE.erin)).toEqual([]);
  });
});

describe('/intervision list', () => {
  it('says there are none, then lists the channel\'s session with a button that links to its card', async () => {
    const none = await type(PEOPLE.erin, 'list', CHANNEL);
    expect(none[0]).toBe('No intervision sessions here');

    await createSession(bot, { facilitator: PEOPLE.alice, presenter: PEOPLE.bob, members: [PEOPLE.carol, PEOPLE.dave], title: 'Listed session' });
    await type(PEOPLE.erin, 'list', CHANNEL);
    const erin = bot.person(PEOPLE.erin);
    expect(erin.read('ephemeral')).toContain('*Listed session* · Progress-focused intervision · live');
    await erin.click('Show', 'ephemeral');
    await bot.settle();
    expect(erin.ephemerals().at(-1)?.text).toMatch(/^Here it is: .*the session card.*\. The session happens in its thread\.$/);
  });
});
