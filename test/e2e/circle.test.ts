/**
 * The circle of trust through Slack (the emulator, the real bot, signed
 * requests): consent before content, a confirmed start that takes off whoever
 * never agreed, a closed circle after the start, presence on the card, and a
 * private room where only agreed participants can read, from creation to an
 * archived room that holds no content.
 */
import { blocksText, type Json } from '../../dev/emulator';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys } from '../support/redis';
import { agreeFromInvitation, createSession, inThread, newestEphemeral, storedSession, textOf } from './play';

const MARK = 'CIRCLE-CONFIDENTIAL';
const { alice, bob, carol, dave, erin } = PEOPLE;

function text(message: Json | undefined): string {
  return message ? [String(message.text ?? ''), blocksText((message.blocks as Json[] | undefined) ?? [])].join('\n') : '';
}

describe('the circle of trust in a channel thread', () => {
  let bot: TestBot;
  let id = '';

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-thread` });
    id = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave, erin], facilitatorIsMember: false, title: 'Circle', agree: false });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it('the card says who has agreed and who is still invited, and Start how many are ready', async () => {
    for (const user of [bob, carol, dave]) await agreeFromInvitation(bot, user);
    const card = textOf(bot.card());
    expect(card).toContain(`*Facilitator:* <@${alice}> ✓`);
    expect(card).toContain(`*Case presenter:* <@${bob}> ✓`);
    expect(card).toContain(`*Team members:* <@${carol}> ✓, <@${dave}> ✓, <@${erin}> _(invited)_`);
    expect(bot.person(alice).findButton('Start (facilitator)').control.names[0]).toBe('Start (facilitator) · 4 of 5 ready');
    // The thread is readable by everyone in the channel, and the card says so.
    expect(card).toContain("Held in this channel's thread");
  });

  it('only the facilitator changes who takes part, and Start first names whoever has not agreed; waiting changes nothing', async () => {
    await bot.person(erin).click('People (facilitator)');
    await bot.settle();
    expect(newestEphemeral(bot, erin)).toBe(`Only the facilitator (<@${alice}>) can change who takes part.`);
    // Start by the facilitator names her before anything happens.
    await bot.person(alice).click('Start (facilitator)');
    await bot.settle();
    const confirm = bot.person(alice).modal();
    expect(confirm.title).toBe('Start without them?');
    expect(confirm.text()).toContain(`Start without <@${erin}>? This person has not confirmed the confidentiality agreement, so they will be taken off this session.`);
    expect((await storedSession(bot, id)).status).toBe('open');
    // Waiting for her instead closes the confirmation and changes nothing.
    await confirm.close();
    expect((await storedSession(bot, id)).status).toBe('open');
  });

  it('confirming the start takes her off: a short DM without content, and she never holds a turn', async () => {
    await bot.person(alice).click('Start (facilitator)');
    await bot.settle();
    const { errors } = await bot.person(alice).modal().submit();
    expect(errors).toBeUndefined();
    await bot.settle();
    const session = await storedSession(bot, id);
    expect(session.status).toBe('running');
    expect(session.members).toEqual([carol, dave]);
    expect(bot.person(erin).read('dm')).toContain('has started without you, because you had not confirmed the confidentiality agreement');
    await bot.person(bob).click('Done (case presenter)', inThread(bot));
    await bot.settle();
    const round = (await storedSession(bot, id)).current?.round;
    expect(round?.order).toEqual([carol, dave]);
  });

  it('after the start nobody joins: an old Join answers kindly and changes nothing; an outsider is refused everything', async () => {
    const before = await storedSession(bot, id);
    expect(bot.person(carol).seen(inThread(bot)).flatMap((item) => item.blocks).map((b) => JSON.stringify(b)).join('')).not.toContain('"Join"');
    await bot.person(erin).click('Read and join', 'dm');
    await bot.settle();
    expect(newestEphemeral(bot, erin)).toBe(`This session has started, so nobody new can join. Ask the facilitator (<@${alice}>) if you think you should be in it.`);
    await bot.person(erin).click('I pass', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, erin)).toContain('This session is for its participants, and it has started: nobody new can join.');
    const after = await storedSession(bot, id);
    expect(after.seq).toBe(before.seq);
    expect(after.members).toEqual(before.members);
  });
});

describe('a private room just for the participants who agreed', () => {
  let bot: TestBot;
  let room = '';
  let id = '';
  const agreed = new Set<string>([alice]);

  /** At every moment, only people who agreed can read the room. */
  function onlyAgreedCanRead(): void {
    const readers = bot.emulator.readers(room);
    for (const reader of readers) expect(agreed.has(reader)).toBe(true);
  }

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-room` });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it('creating the session makes a private channel, posts the card there and leaves only a pointer in the channel', async () => {
    const before = bot.emulator.calls().length;
    const started = Date.now();
    await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave, erin], facilitatorIsMember: false, title: 'Room', place: 'room', agree: false });
    const created = [...bot.emulator.ws.channels.values()].find((c) => c.name.startsWith('intervision-'));
    if (!created) throw new Error('no room was created');
    room = created.id;
    expect(created.is_private).toBe(true);
    expect(created.name).toMatch(/^intervision-[a-z0-9]{6}$/);
    const ids = await bot.store.listByChannel(room);
    id = ids[0] ?? '';
    expect((await storedSession(bot, id)).room).toEqual({ origin: CHANNEL });
    expect(bot.emulator.readers(room)).toEqual([alice]);
    onlyAgreedCanRead();
    const card = bot.emulator.channelMessages(room)[0];
    expect(text(card)).toContain('A private channel just for the participants');
    const pointer = bot.emulator.channelMessages(CHANNEL).at(-1);
    expect(text(pointer)).toContain('held in a private channel just for its participants');
    expect(bot.emulator.canRead(bob, room)).toBe(false);
    expect(bot.emulator.calls('conversations.create')).toHaveLength(1);
    // What the room adds at creation: one create and one invite (the creator), beside the usual calls.
    expect(bot.emulator.calls('conversations.invite')).toHaveLength(1);
    expect(bot.emulator.calls().length - before).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('each person is let in only once they agree, from the pointer or their invitation', async () => {
    await bot.person(bob).click('Join', { channel: CHANNEL });
    await bot.settle();
    await bot.person(bob).modal().check('Your confirmation', ['I agree']);
    expect((await bot.person(bob).modal().submit()).errors).toBeUndefined();
    agreed.add(bob);
    await bot.settle();
    expect(bot.person(bob).modal().title).toBe("You're in");
    await bot.person(bob).modal().close();
    expect(bot.emulator.canRead(bob, room)).toBe(true);
    onlyAgreedCanRead();
    for (const user of [carol, erin]) {
      await agreeFromInvitation(bot, user);
      agreed.add(user);
      expect(bot.emulator.canRead(user, room)).toBe(true);
    }
    expect(bot.emulator.canRead(dave, room)).toBe(false);
    onlyAgreedCanRead();
  });

  it('Start takes off who never agreed; they were never in the room', async () => {
    await bot.person(alice).click('Start (facilitator)', { channel: room });
    await bot.settle();
    await bot.person(alice).modal().submit();
    await bot.settle();
    const session = await storedSession(bot, id);
    expect(session.status).toBe('running');
    expect(session.members).toEqual([carol, erin]);
    expect(bot.emulator.canRead(dave, room)).toBe(false);
    // The pointer no longer offers Join.
    expect(text(bot.emulator.channelMessages(CHANNEL).at(-1))).toContain('It has started: nobody new can join.');
    onlyAgreedCanRead();
  });

  it('the presenter writes the case in the room; someone who leaves is taken out of the room at once', async () => {
    const thread = bot.emulator.channelMessages(room)[0]?.ts as string;
    await bot.person(bob).click('Write your case (case presenter)', { channel: room, thread });
    await bot.settle();
    await bot.person(bob).modal().fill('Write your case', `${MARK}: my team stopped talking`);
    expect((await bot.person(bob).modal().submit()).errors).toBeUndefined();
    await bot.settle();
    expect(bot.person(carol).read({ channel: room, thread })).toContain(MARK);
    expect(bot.person(dave).read({ channel: room, thread })).not.toContain(MARK);
    await bot.person(carol).click('Leave', { channel: room });
    await bot.settle();
    agreed.delete(carol);
    expect(bot.emulator.canRead(carol, room)).toBe(false);
    onlyAgreedCanRead();
  });

  it('close deletes everything, leaves the content-free note, and archives the room', async () => {
    await bot.person(alice).click('Close (facilitator)', { channel: room });
    await bot.settle();
    const archived = bot.emulator.ws.channels.get(room);
    expect(archived?.is_archived).toBe(true);
    const left = bot.emulator.channelMessages(room);
    expect(left).toHaveLength(1);
    expect(text(left[0])).not.toContain(MARK);
    expect(text(left[0])).not.toContain('Room');
    expect(text(bot.emulator.channelMessages(CHANNEL).at(-1))).not.toContain('Join');
    for (const message of [...bot.emulator.channelMessages(room), ...bot.emulator.channelMessages(CHANNEL)]) expect(text(message)).not.toContain(MARK);
    expect(bot.emulator.calls('conversations.archive')).toHaveLength(1);
    expect(await scanKeys(bot.redis.connect(), `${globEscape(bot.redis.prefix)}*session:${id}*`)).toEqual([]);
  });
});
