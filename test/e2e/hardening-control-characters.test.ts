/**
 * Control characters in what people write (C0 but tab and newline, DEL, C1,
 * carriage returns) are taken out where every modal's text enters the bot,
 * before it becomes a command: the title, the case, a question and its
 * answer are stored, and posted, without them; Windows line ends become
 * "\n". Played through the real bot, with the people's clients sending what
 * they typed as it is.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import type { Json } from '../../dev/emulator';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { click, createSession, giveInput, storedSession, unansweredLabels, writeInModal } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice, bob, carol, dave } = PEOPLE;

/** Any control character but tab and newline. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

let bot: TestBot;
let mine = '';

/** Every string in what the bot sent to Slack: messages, updates, ephemerals and modals. */
function sentStrings(): string[] {
  const methods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.open', 'views.update', 'views.push']);
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value as Json).forEach(walk);
  };
  for (const call of bot.emulator.calls()) if (methods.has(call.method)) walk(call.args);
  return strings;
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('the title, the case, a question and its answer are stored and posted without control characters', async () => {
  mine = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], title: 'Team\u0000 retro\u001b[0m\u0085 March\u007f' });
  expect((await storedSession(bot, mine)).title).toBe('Team retro[0m March');

  await click(bot, alice, 'Start (facilitator)');
  await writeInModal(bot, bob, 'Write your case (case presenter)', { 'Write your case': 'First line\r\nSecond\u0000 line\rthird\u009b\ttabbed\u0007' });
  const stored = await storedSession(bot, mine);
  expect(stored.statements.presentation?.text).toBe('First line\nSecond linethird\ttabbed');

  await click(bot, alice, 'I pass');
  await giveInput(bot, carol, questions, 'Since\u0008 when\u001f?\r\nReally\u0090?');
  const question = (await storedSession(bot, mine)).inputs.find((i) => i.author === carol);
  expect(question?.text).toBe('Since when?\nReally?');

  const [label] = unansweredLabels(bot, bob);
  await writeInModal(bot, bob, `Answer ${label ?? 'Q1'} (case presenter)`, { 'Your answer': '\u0002Since\u009c March\r\n' });
  const answered = (await storedSession(bot, mine)).inputs.find((i) => i.author === carol);
  expect(answered?.answer?.text).toBe('Since March');

  // What the bot posted and showed carries the texts as stored: no control character reached Slack.
  const sent = sentStrings();
  expect(sent.some((s) => s.includes('Since when?'))).toBe(true);
  expect(sent.filter((s) => CONTROL.test(s))).toEqual([]);
});
