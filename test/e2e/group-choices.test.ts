/**
 * A group's members' choices for one meeting, through Slack: away (the
 * facilitator in turn is passed over), a swap (handed over for one meeting),
 * skip and bring back, postpone (the meeting is created at its new time);
 * leaving and joining; and who may act in a meeting's case selection.
 */
import { formats } from '../../src/engine';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { storedSession, textOf } from './play';
import { at, chooseForMeeting, createGroup, groupCard, newestPrivate, proposeFromDm, selectionMessage, voteFor } from './group-play';

const { alice, bob, carol, dave, erin, frank } = PEOPLE;
const format = formats.require('progress-focused');
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  bot.clock.set(utc(2024, 3, 1, 12));
  await createGroup(bot, alice, {
    name: 'Team leads',
    members: [bob, carol, dave, erin],
    facilitators: [alice, bob, carol],
    format: format.name,
    repeats: 'Every week',
    weekday: 'Tuesday',
    time: '18:00',
    starting: '2024-03-01',
    zone: 'Europe/Berlin',
    ask: 'A day before',
    remind: 'No reminder',
  });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

const nextLine = (): string => textOf(groupCard(bot)).split('\n').find((line) => line.startsWith('*Next meeting:*')) ?? '';

describe('choices for one meeting', () => {
  it('passes over a facilitator who is away; the next in turn facilitates', async () => {
    expect(nextLine()).toContain(`Tue 5 Mar 2024, 18:00 · facilitated by <@${alice}>`);
    expect(await chooseForMeeting(bot, alice, 'I’m away for a meeting…', (m) => m.select('Meeting', 'Tue 5 Mar 2024, 18:00'))).toBeUndefined();
    expect(nextLine()).toContain(`facilitated by <@${bob}>`);
  });

  it('lets only whoever facilitates a meeting hand it over, to someone who facilitates in turn', async () => {
    const refused = await chooseForMeeting(bot, bob, 'Hand over my facilitation…', async (m) => m.pickUsers('Who facilitates it instead', [dave]));
    expect(refused?.['Who facilitates it instead']).toBe(`<@${dave}> doesn't facilitate in this group.`);
    expect(await chooseForMeeting(bot, bob, 'Hand over my facilitation…', async (m) => m.pickUsers('Who facilitates it instead', [carol]))).toBeUndefined();
    expect(nextLine()).toContain(`facilitated by <@${carol}>`);
  });

  it('skips a meeting and brings it back', async () => {
    await chooseForMeeting(bot, erin, 'Skip a meeting…', (m) => m.select('Meeting', 'Tue 5 Mar 2024, 18:00'));
    expect(nextLine()).toContain('Tue 12 Mar 2024, 18:00');
    await chooseForMeeting(bot, erin, 'Skip a meeting…', (m) => m.select('Meeting', '2024-03-05 – skipped: bring it back'));
    expect(nextLine()).toContain('Tue 5 Mar 2024, 18:00');
  });

  it('postpones the next meeting only to a later time before the one after, then holds it then', async () => {
    const refused = await chooseForMeeting(bot, dave, 'Postpone the next meeting…', async (m) => {
      await m.pickDate('Date', '2024-03-12');
      await m.select('Time', '19:00');
    });
    expect(refused?.Date).toBe('Postpone it to before the next meeting (2024-03-12), or skip this one.');
    await chooseForMeeting(bot, dave, 'Postpone the next meeting…', async (m) => {
      await m.pickDate('Date', '2024-03-06');
      await m.select('Time', '10:00');
    });
    expect(nextLine()).toContain('Wed 6 Mar 2024, 10:00 (postponed)');
    await at(bot, utc(2024, 3, 5, 17));
    expect(await bot.store.listByChannel(CHANNEL)).toEqual([]);
    await at(bot, utc(2024, 3, 6, 9));
    const session = await storedSession(bot, await bot.sessionId());
    expect(session).toMatchObject({ title: 'Team leads', facilitator: carol, group: { slot: '2024-03-05' } });
    // Alice said she is away: she is not invited.
    expect(session.members).not.toContain(alice);
  });
});

describe('in and out of the group', () => {
  it('lets someone join from the card and leave again', async () => {
    await bot.person(frank).click('Join', { channel: CHANNEL, ts: groupCard(bot)?.ts ?? '' });
    await bot.settle();
    expect(textOf(groupCard(bot))).toContain(`<@${frank}>`);
    await bot.person(frank).click('Leave', { channel: CHANNEL, ts: groupCard(bot)?.ts ?? '' });
    await bot.settle();
    expect(newestPrivate(bot, frank)).toContain('You left');
    expect(textOf(groupCard(bot))).not.toContain(`<@${frank}>`);
  });
});

describe('a meeting’s case selection, by its rules', () => {
  it('lets a member withdraw a case before the meeting from the ask; the next meeting has the next facilitator in turn', async () => {
    await at(bot, utc(2024, 3, 11, 17));
    await proposeFromDm(bot, dave, 'Too many meetings');
    await bot.person(dave).click('Withdraw my case', 'dm');
    await bot.settle();
    expect(newestPrivate(bot, dave)).toContain('Your case is withdrawn');
    await proposeFromDm(bot, erin, 'Hiring freeze');
    await at(bot, utc(2024, 3, 12, 17));
    const id = await bot.sessionId();
    // The new meeting's facilitator is the next in turn after carol: alice is back.
    expect((await storedSession(bot, id)).facilitator).toBe(alice);
  });

  it('lets only members vote: someone outside the meeting is refused, a member’s vote is counted', async () => {
    const id = await bot.sessionId();
    const session = await storedSession(bot, id);
    expect(session.selection?.proposals.map((p) => p.title)).toEqual(['Hiring freeze']);
    for (const user of new Set([session.facilitator, ...session.members])) {
      await bot.person(user).click('Read and join', 'dm');
      await bot.settle();
      const modal = bot.person(user).modal();
      await modal.check('Your confirmation', ['I agree']);
      await modal.submit();
      await bot.settle();
      await modal.close();
    }
    await bot.person(alice).click('Start (facilitator)', { channel: CHANNEL, thread: bot.card()?.ts ?? '' });
    await bot.settle();
    expect(textOf(selectionMessage(bot))).toContain('Hiring freeze');
    await voteFor(bot, frank, 'Hiring freeze');
    expect(newestPrivate(bot, frank)).toContain('This session is for its participants');
    await voteFor(bot, bob, 'Hiring freeze');
    expect(newestPrivate(bot, bob)).toContain('Your vote is counted');
    expect(textOf(selectionMessage(bot))).toContain('1 vote');
  });
});

describe('an account deactivated in Slack', () => {
  it('leaves the group at once: its card no longer lists them', async () => {
    const card = () => textOf(groupCard(bot));
    expect(card()).toContain(`<@${erin}>`);
    await bot.emulator.deactivateAndNotify(erin);
    await bot.settle();
    expect(card()).not.toContain(`<@${erin}>`);
  });
});
