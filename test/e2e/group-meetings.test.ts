/**
 * Groups through Slack, as their people see them: a group created with
 * /intervision group meets twice on its cadence (the clock moved), each time
 * with the facilitator the rotation gives it and a case chosen from cases
 * proposed in private; nobody outside (or before the meeting, anyone but its
 * facilitator) reads the titles; deleting the group leaves no key of it.
 */
import { formats } from '../../src/engine';
import { globEscape, scanKeys } from '../support/redis';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { agreeFromInvitation, click, promptOf, roleButton, storedSession, textOf } from './play';
import { at, channelText, groupCard, groupView, newestPrivate, proposeFromDm, selectionMessage, voteFor } from './group-play';

const { alice, bob, carol, dave, erin, frank } = PEOPLE;
const format = formats.require('progress-focused');
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const DAY = 86_400_000;
/** Tuesdays at 18:00 in Berlin: 17:00 UTC in March (before the clocks change on the 31st). */
const FIRST = utc(2024, 3, 5, 17);
const SECOND = utc(2024, 3, 12, 17);
const [BOB_CASE, CAROL_CASE, ALICE_CASE] = ['Team stopped talking', 'Budget fight', 'A new role'];

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  bot.clock.set(utc(2024, 3, 1, 12));
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

/** Everyone invited to the meeting confirms the agreement, and the facilitator starts it. */
async function startMeeting(facilitator: string): Promise<string> {
  const id = await bot.sessionId();
  const session = await storedSession(bot, id);
  for (const user of new Set([session.facilitator, ...session.members])) await agreeFromInvitation(bot, user);
  await click(bot, facilitator, roleButton(format, 'facilitator', 'Start'));
  return id;
}

async function closeMeeting(facilitator: string): Promise<void> {
  await bot.person(facilitator).click(roleButton(format, 'facilitator', 'Close'), { channel: CHANNEL, ts: bot.card()?.ts ?? '' });
  await bot.settle();
}

describe('a group that meets twice', () => {
  it('is created with /intervision group: its card in the channel, and what it keeps in plain words', async () => {
    await bot.person(alice).command('/intervision', 'group');
    await bot.settle();
    const modal = bot.person(alice).modal();
    expect(modal.title).toBe('New intervision group');
    await modal.fill('Name', 'Coaches');
    await modal.pickUsers('Members', [bob, carol, dave, erin]);
    await modal.pickUsers('Who facilitates, in turn', [alice, bob]);
    await modal.select('Format', format.name);
    await modal.select('Repeats', 'Every week');
    await modal.select('Weekday', 'Tuesday');
    await modal.select('Time', '18:00');
    await modal.pickDate('Starting', '2024-03-01');
    await modal.fill('Time zone', 'Europe/Berlin');
    await modal.select('Ask members for cases', '3 days before');
    await modal.select('Remind the group', '30 minutes before');
    const { errors } = await modal.submit();
    expect(errors).toBeUndefined();
    await bot.settle();
    expect(modal.text()).toContain('Coaches* is created');
    await modal.close();

    const card = textOf(groupCard(bot));
    expect(card).toContain('every week on Tuesday at 18:00 (Europe/Berlin time)');
    expect(card).toContain(`Tue 5 Mar 2024, 18:00 · facilitated by <@${alice}>`);
    await bot.person(carol).command('/intervision', 'help');
    await bot.settle();
    expect(newestPrivate(bot, carol)).toContain('`/intervision group` – this channel\'s peer group');
    const view = await groupView(bot, alice);
    expect(view).toContain('What this group keeps.');
    expect(view).toContain('Nothing said in a meeting is kept');
  });

  it('asks the members in private; only the next facilitator reads the titles, the channel never', async () => {
    await at(bot, FIRST - 3 * DAY);
    for (const user of [bob, carol, dave, erin]) expect(bot.person(user).read('dm')).toContain('Do you bring a case?');
    // Alice facilitates the first meeting: she is not asked.
    expect(bot.person(alice).read('dm')).not.toContain('Do you bring a case?');
    await proposeFromDm(bot, bob, BOB_CASE);
    await proposeFromDm(bot, carol, CAROL_CASE);

    const forAlice = await groupView(bot, alice);
    expect(forAlice).toContain(BOB_CASE);
    expect(forAlice).toContain(CAROL_CASE);
    const forDave = await groupView(bot, dave);
    expect(forDave).toContain('2 cases proposed so far');
    expect(forDave).not.toContain(BOB_CASE);
    const forFrank = await groupView(bot, frank);
    expect(forFrank).toContain('Join the group');
    expect(forFrank).not.toMatch(/Team stopped|Budget fight|\d+ cases? proposed/);
    expect(channelText(bot)).not.toMatch(/Team stopped|Budget fight/);
    // The service refuses the same as the view: a member who is not the facilitator never gets the titles.
    const id = await bot.groupService.inChannel(CHANNEL);
    const asDave = await bot.groupService.view(id ?? '', dave);
    expect(asDave?.proposals).toEqual({ can: 'own', count: 2 });
  });

  it('reminds the group, then holds the first meeting on its time: the group votes, the case is taken, the other carried', async () => {
    await at(bot, FIRST - 30 * 60_000);
    expect(channelText(bot)).toContain('*Coaches* meets at Tue 5 Mar 2024, 18:00');
    await at(bot, FIRST);
    expect(textOf(bot.card())).toContain('Coaches');
    expect(channelText(bot)).not.toContain('meets at Tue 5 Mar');
    const id = await startMeeting(alice);
    expect(textOf(selectionMessage(bot))).toContain(BOB_CASE);
    await voteFor(bot, dave, BOB_CASE);
    await voteFor(bot, erin, BOB_CASE);
    await voteFor(bot, carol, CAROL_CASE);
    await click(bot, alice, 'Close the vote (facilitator)');
    const session = await storedSession(bot, id);
    expect(session).toMatchObject({ facilitator: alice, presenter: bob, status: 'running' });
    expect(textOf(promptOf(bot, format.phases[0]!))).toContain(`<@${bob}>`);
    await bot.person(carol).click('Bring it to the next meeting', 'dm');
    await bot.settle();
    expect(newestPrivate(bot, carol)).toContain('Your case goes to the next meeting');
    await closeMeeting(alice);
  });

  it('meets again a week later with the next facilitator in turn, who alone read the carried case before; the facilitator picks', async () => {
    await at(bot, SECOND - 3 * DAY);
    expect(bot.person(alice).read('dm')).toContain('Do you bring a case?');
    await proposeFromDm(bot, alice, ALICE_CASE);
    const forBob = await groupView(bot, bob);
    expect(forBob).toContain(CAROL_CASE);
    expect(forBob).toContain('(carried over)');
    expect(await groupView(bot, erin)).not.toContain(CAROL_CASE);
    await at(bot, SECOND);
    const id = await startMeeting(bob);
    await voteFor(bot, dave, ALICE_CASE);
    await voteFor(bot, erin, CAROL_CASE);
    await click(bot, bob, 'Close the vote (facilitator)');
    expect(newestPrivate(bot, bob)).toContain('The vote is tied');
    await bot.person(bob).selectOption('Pick a case (facilitator)', `2. ${ALICE_CASE}`, { channel: CHANNEL, thread: bot.card()?.ts ?? '' });
    await bot.settle();
    expect(await storedSession(bot, id)).toMatchObject({ facilitator: bob, presenter: alice });
    await closeMeeting(bob);
    const group = await bot.groups.load((await bot.groupService.inChannel(CHANNEL)) ?? '');
    expect(group?.meetings.map((m) => [m.slot, m.people])).toEqual([['2024-03-05', 5], ['2024-03-12', 5]]);
    expect(group?.proposals).toEqual([]);
  });

  it('is deleted by its owner with nothing of it left in Redis or the channel', async () => {
    const id = (await bot.groupService.inChannel(CHANNEL)) ?? '';
    await groupView(bot, alice);
    await bot.person(alice).click('Delete the group', 'ephemeral');
    await bot.settle();
    expect(newestPrivate(bot, alice)).toContain('The group is deleted');
    expect(await scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*group*`)).toEqual([]);
    expect(await bot.timers.list(`group:${id}`)).toEqual([]);
    expect(groupCard(bot)).toBeUndefined();
  });
});
