/**
 * A whole live session with the bot in Socket Mode (SLACK_APP_TOKEN set, no
 * signing secret, no request URL): every command, click, submission and
 * event travels as an envelope over the emulator's WebSocket, acked by
 * envelope_id. Mid-session Slack asks the bot to reconnect (disconnect,
 * refresh_requested) and twice drops the socket abruptly just as the bot's
 * ack is on its way, once under a modal's submission and once under an event.
 * Nothing is lost (what Slack could not deliver the person is told, and does
 * again) and nothing is applied twice: the store's seq and the messages the
 * bot posted say so.
 */
import type { SocketModeHub } from '../../dev/emulator';
import { formats } from '../../src/engine';
import type { ChoicePhase, Phase, RoundsPhase } from '../../src/engine/formats/schema';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { TYPED_REPLY_TEXT } from '../../src/slack/listeners/events/message-typed';
import { closeSetUpView } from '../support/form-problems';
import { globEscape, scanKeys } from '../support/redis';
import { DEMO } from '../support/slack';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { PLACE, agreeFromInvitation, boardOf, click, giveInput, inThread, inputField, pickMenuOptions, promptOf, storedSession, textOf, turnOf, writeInModal } from './play';

const MARK = 'CONFIDENTIAL';
const FORMAT = formats.require('agile-intervision');
const FACILITATOR = PEOPLE.alice;
const PRESENTER = PEOPLE.bob;
const MEMBERS = [PEOPLE.carol, PEOPLE.dave, PEOPLE.frank];
/** In the channel, not in the session: she types in its thread. */
const BYSTANDER = PEOPLE.erin;
/** How long the bot's Socket Mode client may take to come back (it waits 5 s before reconnecting). */
const RECONNECT_MS = 15_000;

let bot: TestBot;
let hub: SocketModeHub;
let sessionId = '';
let cardTs = '';
const written: string[] = [];
const write = (what: string): string => {
  const text = `${MARK} ${what}`;
  written.push(text);
  return text;
};

const seq = async (): Promise<number> => (await storedSession(bot, sessionId)).seq;
/** How many bot messages in the session's thread show `text`. */
const messagesShowing = (text: string): number => bot.thread().filter((item) => textOf(item).includes(text)).length;
/** How often `text` appears in the phase's round board. */
const onBoard = (phase: Phase, text: string): number => textOf(boardOf(bot, phase)).split(text).length - 1;
/** The bot's private notes to the bystander about typing in the thread. */
const reminders = (): number => bot.emulator.ephemerals(BYSTANDER).filter((e) => e.text === TYPED_REPLY_TEXT).length;
/** Waits until the bot has its n-th Socket Mode connection open. */
const connection = (n: number): Promise<boolean> => bot.emulator.waitFor(() => hub.opened === n && hub.connections === 1, RECONNECT_MS);
/** The violations recorded since the last look, which this test expects; the list is emptied. */
function takeViolations(): string[] {
  return bot.emulator.violations.splice(0).map((v) => `${v.source}: ${v.error}`);
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename, transport: 'socket' });
  hub = bot.emulator.socketMode;
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('connects over Socket Mode with the app-level token: no request URL, /healthz only', async () => {
  expect(bot.emulator.calls('apps.connections.open')).toEqual([expect.objectContaining({ ok: true })]);
  expect(hub.connections).toBe(1);
  expect(bot.logLines.find((line) => line.includes('the intervision bot is running'))).toContain('"mode":"socket"');
  const health = await fetch(`http://127.0.0.1:${String(bot.running.port)}/healthz`);
  expect(health.status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${String(bot.running.port)}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
});

it("creates the session: the form's refusal and its set-up view come back in the envelopes' acks", async () => {
  const alice = bot.person(FACILITATOR);
  const typed = await alice.command('/intervision', 'new agile');
  expect(typed.status).toBe(200);
  await bot.settle();
  const modal = alice.modal();
  await modal.pickUsers('Presenter (brings the case)', [PRESENTER]);
  await modal.pickUsers('Members', [...MEMBERS, PRESENTER]);
  await modal.fill('Title', 'Peer group over a socket');
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const refused = await modal.submit();
  expect(refused.errors).toEqual({ Members: "The presenter brings the case and can't also be a member: please remove them here." });
  expect(refused.response.responseAction).toBe('errors');

  await modal.pickUsers('Members', MEMBERS);
  const accepted = await modal.submit();
  expect(accepted.errors).toBeUndefined();
  expect(accepted.response.responseAction).toBe('update');
  await bot.settle();
  await closeSetUpView(modal);
  sessionId = await bot.sessionId();
  cardTs = bot.card()?.ts ?? '';
  for (const user of [PRESENTER, ...MEMBERS]) await agreeFromInvitation(bot, user);
  expect(textOf(bot.card())).toContain(`*Observers:* ${MEMBERS.map((u) => `<@${u}> ✓`).join(', ')}`);
  // Each request went out once, on the first connection, and was acked.
  expect(hub.envelopes.every((e) => e.connection === 1 && e.acked)).toBe(true);
});

it('starts when the facilitator clicks Start', async () => {
  await click(bot, FACILITATOR, 'Start (facilitator)');
  expect(textOf(promptOf(bot, FORMAT.phases[0] as Phase))).toContain('Phase done — 5 of 5 agreed.');
});

it('Case story: the presenter tells it aloud', async () => {
  await click(bot, PRESENTER, 'Done (case giver)');
  expect(textOf(promptOf(bot, FORMAT.phases[1] as Phase))).toContain('told it aloud');
});

it('Observations: a modal submission whose ack is lost as the socket drops is taken once, though the person sends it twice', async () => {
  const phase = rounds('observations');
  const { holder } = turnOrFail(phase);
  const before = await seq();
  const text = write(`observation from ${holder}`);
  await click(bot, holder, phase.input.label);
  const modal = bot.person(holder).modal();
  await modal.fill(inputField(phase), text);

  hub.loseNextAck();
  const lost = await modal.submit();
  // Slack never got the ack: after 3 s the person sees an error in the modal, which stays open.
  expect(lost.response).toMatchObject({ status: 0, error: 'ack_timeout', deliveries: 1 });
  expect(modal.isOpen()).toBe(true);
  expect(takeViolations()).toEqual(['view_submission: ack_timeout']);
  expect(hub).toMatchObject({ lostAcks: 1, dropped: 1 });
  // The bot had taken it before it acked.
  await bot.settle();
  expect(await seq()).toBe(before + 1);
  expect(onBoard(phase, text)).toBe(1);

  await connection(2);
  const again = await modal.submit();
  expect(again.errors).toBeUndefined();
  expect(modal.isOpen()).toBe(false);
  await bot.settle();
  // One command, one board entry, one message showing it.
  expect(await seq()).toBe(before + 1);
  expect(onBoard(phase, text)).toBe(1);
  expect(messagesShowing(text)).toBe(1);
  expect(turnOf(bot, phase)?.holder).not.toBe(holder);
}, 30_000);

it('Observations: asked to reconnect, the bot is away a few seconds; a click then fails visibly, a typed message waits, nothing is applied twice', async () => {
  const phase = rounds('observations');
  const { holder } = turnOrFail(phase);
  const before = await seq();
  const remindedBefore = reminders();

  hub.disconnect('refresh_requested');
  await bot.emulator.waitFor(() => hub.connections === 0, 5000);
  const inTheGap = await bot.person(holder).click('I pass', inThread(bot));
  expect(inTheGap).toMatchObject({ status: 0, error: 'dispatch_failed' });
  expect(takeViolations()).toEqual(['block_actions: dispatch_failed']);
  const typed = bot.person(BYSTANDER).say(CHANNEL, 'is this where we talk?', cardTs);

  await connection(3);
  expect(bot.emulator.calls('apps.connections.open')).toHaveLength(3);
  expect((await typed).ts).toEqual(expect.any(String));
  await bot.settle();
  // The message waited for the new connection and was acted on once; the click in the gap changed nothing.
  await bot.emulator.waitFor(() => reminders() === remindedBefore + 1);
  expect(hub.envelopes.filter((e) => e.kind === 'message')).toEqual([expect.objectContaining({ retry_attempt: 0, connection: 3, acked: true })]);
  expect(await seq()).toBe(before);
  expect(turnOf(bot, phase)?.holder).toBe(holder);

  await click(bot, holder, 'I pass');
  expect(await seq()).toBe(before + 1);
  expect(turnOf(bot, phase)?.holder).not.toBe(holder);
}, 30_000);

it('Observations: the other turns, then a round of passes', async () => {
  const phase = rounds('observations');
  await playRounds(phase, (round) => round === 1);
  expect(textOf(promptOf(bot, phase))).toContain('Phase done —');
});

it('Resonance: the presenter picks, and says what it opens up for them', async () => {
  const phase = FORMAT.phases.find((p): p is ChoicePhase => p.id === 'resonance');
  if (!phase?.remarkLabel) throw new Error('agile-intervision has no resonance phase with a remark');
  const options = pickMenuOptions(bot, phase);
  expect(options.length).toBeGreaterThanOrEqual(2);
  await bot.person(PRESENTER).selectOption(phase.pickLabel, options.slice(0, 2), inThread(bot));
  await bot.settle();
  await writeInModal(bot, PRESENTER, `${phase.remarkLabel} (case giver)`, { [phase.remarkLabel]: write('what it opens up') });
  expect(textOf(promptOf(bot, phase, PEOPLE.carol))).toContain(`<@${PRESENTER}> picked:`);
});

it('Focused questions: two questions; the presenter answers one and passes on the other', async () => {
  const phase = rounds('focused-questions');
  await playRounds(phase, (round, position) => round === 1 && position < 2);
  await writeInModal(bot, PRESENTER, 'Answer Q1 (case giver)', { 'Your answer': write('an answer') });
  await click(bot, PRESENTER, 'Pass on Q2 (case giver)');
  expect(textOf(promptOf(bot, phase))).toContain('Phase done — 2 rounds, 2 questions, 1 answered, 1 passed.');
});

it('Closing round: an event whose ack is lost as the socket drops comes again as retry 1, and is acted on once', async () => {
  const phase = rounds('closing-round');
  const remindedBefore = reminders();
  const before = await seq();
  hub.loseNextAck();
  const typed = bot.person(BYSTANDER).say(CHANNEL, 'may I add something?', cardTs);
  await connection(4);
  await typed;
  await bot.settle();
  const typedEvents = hub.envelopes.filter((e) => e.kind === 'message').slice(1);
  expect(typedEvents).toEqual([expect.objectContaining({ retry_attempt: 0, connection: 3, acked: false }), expect.objectContaining({ retry_attempt: 1, connection: 4, acked: true })]);
  expect(bot.logLines.some((line) => line.includes('an event delivered again: already taken, not acted on twice'))).toBe(true);
  expect(reminders()).toBe(remindedBefore + 1);
  expect(await seq()).toBe(before);

  await playRounds(phase, (_round, position) => position === 0);
  expect(textOf(promptOf(bot, phase))).toContain('Phase done —');
}, 30_000);

it('End: the facilitator closes, and nothing of the session remains', async () => {
  await click(bot, FACILITATOR, 'Close (facilitator)');
  expect(bot.person(PRESENTER).read('dm')).toContain(MARK);
  // Only the card is left of what the bot posted; the bystander's typed messages are hers to delete.
  expect(bot.emulator.thread(CHANNEL, cardTs).filter((m) => m.user === DEMO.bot)).toHaveLength(1);
  expect(textOf(bot.card())).toMatch(/its content was deleted when it closed\./);
  expect(bot.emulator.channelMessages(CHANNEL).filter((m) => JSON.stringify(m).includes(MARK))).toEqual([]);
  expect(bot.emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot)).toHaveLength(1);
  expect(await scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
  expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);
});

it('took every envelope once: no request was written twice, one event was retried, four connections', () => {
  const ids = hub.envelopes.map((e) => e.envelope_id);
  expect(new Set(ids).size).toBe(ids.length);
  const retried = hub.envelopes.filter((e) => (e.retry_attempt ?? 0) > 0);
  expect(retried).toHaveLength(1);
  const unacked = hub.envelopes.filter((e) => !e.acked);
  // The two whose acks were lost; every other envelope was acked.
  expect(unacked.map((e) => e.kind)).toEqual(['view_submission', 'message']);
  expect(hub).toMatchObject({ opened: 4, lostAcks: 2, dropped: 2, disconnects: [{ connection: 2, reason: 'refresh_requested' }] });
  const byType = (type: string): number => hub.envelopes.filter((e) => e.type === type).length;
  console.log(
    `Socket Mode session: ${hub.envelopes.length} envelopes (${byType('slash_commands')} slash_commands, ${byType('interactive')} interactive, ${byType('events_api')} events_api), ` +
      `${hub.opened} connections, 1 refresh_requested, ${hub.dropped} drops, ${hub.lostAcks} lost acks, ${retried.length} event retry`,
  );
});

function rounds(id: string): RoundsPhase {
  const phase = FORMAT.phases.find((p): p is RoundsPhase => p.kind === 'rounds' && p.id === id);
  if (!phase) throw new Error(`agile-intervision has no rounds phase ${id}`);
  return phase;
}

function turnOrFail(phase: RoundsPhase): { holder: string; round: number } {
  const turn = turnOf(bot, phase);
  if (!turn) throw new Error(`nobody's turn in ${phase.title}`);
  return turn;
}

/** Plays turns until the phase ends: an input where `gives` says so (round, position in it), else a pass. */
async function playRounds(phase: RoundsPhase, gives: (round: number, position: number) => boolean): Promise<void> {
  let round = 0;
  let position = 0;
  for (let guard = 0; guard < 50; guard += 1) {
    const turn = turnOf(bot, phase);
    if (!turn) return;
    if (turn.round !== round) [round, position] = [turn.round, 0];
    if (gives(round, position)) await giveInput(bot, turn.holder, phase, write(`${phase.input.noun.singular} from ${turn.holder}`));
    else await click(bot, turn.holder, 'I pass');
    position += 1;
  }
  throw new Error(`${phase.title} did not end`);
}
