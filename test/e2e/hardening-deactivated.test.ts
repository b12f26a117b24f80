/**
 * Issue 6, the last Slack failure: an account deactivated mid-session. Slack
 * sends user_change with deleted: true; the bot finds the open sessions the
 * person takes part in (through the channels it is in), removes them through
 * the engine as the system, and tells whoever can act. Beside
 * hardening-slack-failures.test.ts, where a deactivated person is only
 * noticed when a direct message to them fails.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { deactivatedKey } from '../../src/slack/outbound/notices';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { click, createSession, inThread, promptOf, textOf, turnOf } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const { alice, bob, carol, dave } = PEOPLE;
/** In the title, which the logs must never hold. */
const MARK = 'Deactivation-circle';

/** A live session in its factual questions, carol's turn (alice facilitates, takes part too, and passed first). */
async function liveInQuestions(bot: TestBot): Promise<string> {
  const id = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], title: MARK });
  await click(bot, alice, 'Start (facilitator)');
  await click(bot, bob, 'Done (case presenter)');
  await click(bot, alice, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
  return id;
}

/** Slack deactivates the account and tells the bot; resolves once the bot has done everything it does about it. */
async function deactivate(bot: TestBot, user: string): Promise<void> {
  const answer = await bot.emulator.deactivateAndNotify(user);
  expect(answer.status).toBe(200);
  await bot.settle();
}

/** The direct messages `user` has from the bot that mention `about` as deactivated. */
function deactivationDms(bot: TestBot, user: string, about: string): string[] {
  return bot
    .person(user)
    .dms()
    .map(textOf)
    .filter((text) => text.includes(`<@${about}>`) && text.includes('their Slack account was deactivated'));
}

describe('an account deactivated during a live session', () => {
  let bot: TestBot;
  let sessionId = '';

  beforeEach(async () => {
    bot = await startTestBot({ name: __filename });
    sessionId = await liveInQuestions(bot);
  });

  afterEach(async () => {
    expect(bot.emulator.violations).toEqual([]);
    expect(bot.logLines.join('\n')).not.toContain(MARK);
    await bot.stop();
  });

  it('the member holding the turn: the turn moves on, the facilitator is told, and the session runs to a clean close', async () => {
    await deactivate(bot, carol);

    expect(turnOf(bot, questions)).toEqual({ holder: dave, round: 1 });
    expect((await bot.store.load(sessionId))?.members).not.toContain(carol);
    expect(bot.thread().map(textOf).join('\n')).toContain(`<@${carol}> no longer takes part in this session.`);
    const told = deactivationDms(bot, alice, carol);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('so they are no longer a team member');
    expect(told[0]).toContain('the rounds go on without them');
    expect(told[0]).toContain(`<#${CHANNEL}>`);
    expect(Object.keys(await bot.store.messages(sessionId))).toContain(deactivatedKey(carol));
    // Nobody else heard of it by direct message, and carol cannot be reached at all.
    expect(deactivationDms(bot, bob, carol)).toEqual([]);

    // The session goes on without her: dave passes, the round closes, the facilitator moves on to the end.
    await click(bot, dave, 'I pass');
    expect((await bot.store.load(sessionId))?.current?.id).toBe('appreciation');
    for (let i = 0; i < 10 && (await bot.store.load(sessionId))?.status !== 'ended'; i += 1) {
      await click(bot, alice, 'Next phase (facilitator)');
    }
    expect((await bot.store.load(sessionId))?.status).toBe('ended');
    await click(bot, alice, 'Close (facilitator)');

    expect(await bot.store.load(sessionId)).toBeNull();
    const cardTs = bot.card()?.ts ?? '';
    expect(bot.emulator.thread(CHANNEL, cardTs).filter((m) => m.user === DEMO.bot && m.ts !== cardTs)).toEqual([]);
    // The notice went with everything else.
    expect(deactivationDms(bot, alice, carol)).toEqual([]);
  });

  it('the presenter: the session pauses, the facilitator is told and closes it from the message', async () => {
    await deactivate(bot, bob);

    const session = await bot.store.load(sessionId);
    expect(session?.status).toBe('paused');
    expect(session?.presenter).toBe(bob);
    expect(bot.thread().map(textOf).join('\n')).toContain(`The session is paused: <@${bob}>, the case presenter, can no longer take part`);
    expect(textOf(bot.card())).toContain('Resume (facilitator)');
    const told = deactivationDms(bot, alice, bob);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('I paused the session: it cannot go on without the case presenter.');

    // Nothing moves while it is paused.
    await bot.person(carol).click('I pass', inThread(bot));
    await bot.settle();
    expect(bot.person(carol).ephemerals().at(-1)?.text).toContain('The session is paused.');
    expect(turnOf(bot, questions)?.holder).toBe(carol);

    await bot.person(alice).click('Close (facilitator)', 'dm');
    await bot.settle();
    expect(await bot.store.load(sessionId)).toBeNull();
    expect(promptOf(bot, questions)).toBeUndefined();
    expect(deactivationDms(bot, alice, bob)).toEqual([]);
  });

  it('the facilitator: they leave the rounds, the presenter is told, and the turn still goes round', async () => {
    await deactivate(bot, alice);

    const session = await bot.store.load(sessionId);
    expect(session?.facilitator).toBe(alice);
    expect(session?.members).not.toContain(alice);
    const told = deactivationDms(bot, bob, alice);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('the facilitator of');
    expect(told[0]).toContain('after 7 days without activity');
    await click(bot, carol, 'I pass');
    expect(turnOf(bot, questions)?.holder).toBe(dave);
  });

  it('a repeat, a reactivation, someone in no session and a malformed event change nothing', async () => {
    await deactivate(bot, dave);
    const seq = (await bot.store.load(sessionId))?.seq;
    // Slack sends user_change again (another profile change, or a retry).
    await bot.driver.userChange(dave);
    await bot.driver.event({ type: 'user_change', user: { id: dave, deleted: true } }, { num: 1 });
    await bot.settle();
    expect((await bot.store.load(sessionId))?.seq).toBe(seq);
    expect(deactivationDms(bot, alice, dave)).toHaveLength(1);

    const erin = bot.emulator.ws.users.get(DEMO.users.erin);
    if (!erin) throw new Error('no erin');
    await deactivate(bot, DEMO.users.erin);
    erin.deleted = false;
    await bot.driver.userChange(DEMO.users.erin);
    for (const event of [
      { type: 'user_change' },
      { type: 'user_change', user: 'U0CAROL' },
      { type: 'user_change', user: { id: 'system', deleted: true } },
      { type: 'user_change', user: { id: carol, deleted: 'yes' } },
    ]) {
      expect((await bot.driver.event(event)).status).toBe(200);
    }
    await bot.settle();
    const after = await bot.store.load(sessionId);
    expect(after?.seq).toBe(seq);
    expect(after?.members).toContain(carol);
    expect(turnOf(bot, questions)?.holder).toBe(carol);
    expect(bot.person(alice).dms()).toHaveLength(1);
  });
});
