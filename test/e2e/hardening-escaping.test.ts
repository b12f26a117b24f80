/**
 * Issue 6: "User text shown by the bot is escaped per Slack's rules (&, <, >),
 * so a tip cannot @channel, mention, or fake a link." A whole session in each
 * format is played with hostile strings as the title, the case, every input,
 * the answers, the remark and the evaluations. Then every message, update,
 * ephemeral, DM (the presenter's copy included) and modal the bot sent is
 * read where Slack parses it - mrkdwn text objects and a message's `text`,
 * which also drives notifications - and none holds a broadcast, a mention or
 * a link the people wrote. plain_text is shown as typed and never parsed by
 * Slack, so it is not searched. Bold and italics stay: they cannot reach
 * anyone.
 */
import { formats } from '../../src/engine';
import type { Format, Phase } from '../../src/engine/formats/schema';
import type { Json } from '../../dev/emulator';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { PLACE, agreeFromInvitation, click, inputField, pickMenuOptions, promptOf, roleButton, textOf, turnOf, unansweredLabels, writeInModal } from './play';

const { alice, bob, carol, dave } = PEOPLE;

/** What a hostile person writes: every way mrkdwn could reach people or dress up a link. */
const HOSTILE = [
  '<!channel> read this',
  '<!here|here>',
  '<!everyone>',
  '<@U0EVIL1> and <@U0EVIL2|boss>',
  '<!subteam^S0EVIL|@leads>',
  '<#C0RANDOM>',
  '<https://evil.example|click here>',
  '<mailto:boss@evil.example|mail the boss>',
  '&amp; &lt;!channel&gt;',
  '*bold* _italics_',
].join(' ');

/** Tokens that would notify, mention, or link when Slack parses them. */
const REACHING = [/<!channel/, /<!here/, /<!everyone/, /<!subteam/, /<@U0EVIL/, /<#C0RANDOM/, /<https:\/\/evil/, /<mailto:/, /<[^>]*evil\.example/];

/** Every string Slack parses as mrkdwn in a payload: mrkdwn text objects at any depth, and the message's `text`. */
function parsedTexts(value: unknown, topLevel = true): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => parsedTexts(item, false));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  if (record.type === 'mrkdwn' && typeof record.text === 'string') found.push(record.text);
  if (topLevel && typeof record.text === 'string') found.push(record.text);
  for (const [key, item] of Object.entries(record)) {
    if (key !== 'text' || typeof item === 'object') found.push(...parsedTexts(item, false));
  }
  return found;
}

/** Everything the bot sent that Slack would parse: Web API calls and the ephemerals it answered through response_url. */
function everythingParsed(bot: TestBot): string[] {
  const methods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.open', 'views.update', 'views.push', 'views.publish']);
  const calls = bot.emulator.calls().filter((c) => methods.has(c.method));
  const fromCalls = calls.flatMap((c) => (c.method.startsWith('views.') ? parsedTexts(c.args.view as Json, false) : parsedTexts(c.args)));
  const fromEphemerals = bot.emulator.ws.ephemerals.flatMap((e) => [e.text, ...parsedTexts(e.blocks, false)]);
  return [...fromCalls, ...fromEphemerals].filter((t): t is string => typeof t === 'string');
}

function reaching(texts: string[]): string[] {
  return texts.filter((text) => REACHING.some((pattern) => pattern.test(text)));
}

describe.each(['progress-focused', 'agile-intervision'])('a %s session played with hostile text everywhere', (formatId) => {
  const format: Format = formats.require(formatId);
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-${formatId}` });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it('shows every hostile text escaped, from the card to the presenter\'s copy, and nothing it sent can reach anyone', async () => {
    await bot.person(alice).command('/intervision', `new ${HOSTILE}`);
    await bot.settle();
    const first = bot.person(alice).modal();
    await first.close();

    await createSessionIn(bot, format);
    await click(bot, alice, 'Start (facilitator)');
    for (const phase of format.phases) await play(bot, phase);

    const before = everythingParsed(bot);
    // The hostile text was shown, escaped: the check below has something to find.
    expect(before.some((t) => t.includes('&lt;!channel&gt; read this'))).toBe(true);
    expect(before.some((t) => t.includes('&lt;https://evil.example|click here&gt;'))).toBe(true);
    expect(before.some((t) => t.includes('&amp;amp; &amp;lt;!channel&amp;gt;'))).toBe(true);
    expect(before.some((t) => t.includes('*bold* _italics_'))).toBe(true);

    await click(bot, alice, 'Close (facilitator)');
    const copy = bot.person(bob).read('dm');
    expect(copy).toContain('&lt;!channel&gt; read this');

    expect(reaching(everythingParsed(bot))).toEqual([]);
  });

  /** alice guides, bob presents, carol and dave are members; the title is hostile too. */
  async function createSessionIn(testBot: TestBot, chosen: Format): Promise<void> {
    const alicePerson = testBot.person(alice);
    await alicePerson.command('/intervision', chosen.id === 'progress-focused' ? 'new' : 'new agile', CHANNEL);
    await testBot.settle();
    const modal = alicePerson.modal();
    await modal.pickUsers('Presenter (brings the case)', [bob]);
    await modal.pickUsers('Members', [carol, dave]);
    await modal.fill('Title', `Team <!channel> & <@U0EVIL1> <https://evil.example|x>`.slice(0, 80));
    await modal.select(PLACE.label, PLACE.thread);
    await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
    const { errors } = await modal.submit();
    expect(errors).toBeUndefined();
    await testBot.settle();
    expect(textOf(testBot.card())).toContain('Team &lt;!channel&gt; &amp; &lt;@U0EVIL1&gt;');
    // The invitations name the session by its hostile title, escaped too.
    for (const user of [bob, carol, dave]) expect(testBot.person(user).read('dm')).toContain('Team &lt;!channel&gt; &amp; &lt;@U0EVIL1&gt;');
    for (const user of [bob, carol, dave]) await agreeFromInvitation(testBot, user);
  }

  /** One phase, each text written hostile; the facilitator moves rounds on after one input and its answer. */
  async function play(testBot: TestBot, phase: Phase): Promise<void> {
    switch (phase.kind) {
      case 'agreement': {
        // Everyone confirmed the agreement before the start, so this step passed at once: nobody is asked again.
        const session = await testBot.store.load(await testBot.sessionId());
        expect(session?.agreed).toEqual(expect.arrayContaining([alice, bob, carol, dave]));
        expect(session?.phaseIndex).toBeGreaterThan(format.phases.indexOf(phase));
        return;
      }
      case 'statement':
        await writeInModal(testBot, bob, roleButton(format, 'presenter', phase.textLabel), { [phase.textLabel]: HOSTILE });
        expect(textOf(promptOf(testBot, phase))).toContain('&lt;!channel&gt; read this');
        return;
      case 'rounds': {
        const turn = turnOf(testBot, phase);
        if (!turn) throw new Error(`nobody's turn in ${phase.title}`);
        await writeInModal(testBot, turn.holder, phase.input.label, { [inputField(phase)]: `${phase.input.noun.singular}: ${HOSTILE}` });
        if (phase.answerable) {
          for (const label of unansweredLabels(testBot, bob)) await writeInModal(testBot, bob, roleButton(format, 'presenter', `Answer ${label}`), { 'Your answer': `answer: ${HOSTILE}` });
        }
        await click(testBot, alice, roleButton(format, 'facilitator', 'Next phase'));
        return;
      }
      case 'choice': {
        const [option] = pickMenuOptions(testBot, phase);
        if (!option) throw new Error(`nothing to pick in ${phase.title}`);
        await testBot.person(bob).selectOption(phase.pickLabel, [option], { channel: CHANNEL, thread: testBot.card()?.ts ?? '' });
        await testBot.settle();
        if (phase.remarkLabel) {
          const label = phase.remarkLabel.charAt(0).toUpperCase() + phase.remarkLabel.slice(1);
          await writeInModal(testBot, bob, roleButton(format, 'presenter', phase.remarkLabel), { [label]: `remark: ${HOSTILE}` });
        } else {
          await click(testBot, bob, roleButton(format, 'presenter', 'Confirm picks'));
        }
        return;
      }
      case 'evaluation':
        await writeInModal(testBot, bob, 'Evaluate', { 'What specifically?': `evaluation: ${HOSTILE}` }, { [phase.question]: 'Yes' });
        await writeInModal(testBot, carol, 'Evaluate', { 'What specifically?': `evaluation: ${HOSTILE}` }, { [phase.memberQuestion]: 'Partly' });
        await click(testBot, alice, roleButton(format, 'facilitator', 'Next phase'));
        return;
      case 'end':
        return;
    }
  }
});
