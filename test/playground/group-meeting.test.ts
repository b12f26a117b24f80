/**
 * The playground's part of groups: a group created there meets twice, the
 * clock control jumping to its next meeting ("To the next meeting"), each
 * time with the next facilitator in turn and a case chosen from those
 * proposed in private.
 */
import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import { blocksText, type Json } from '../../dev/emulator';
import { playgroundForTests, post, stateOf } from './client';

const [FEMKE, PRIYA, MATEO, AMARA, LIAM] = ['U0FEMKE', 'U0PRIYA', 'U0MATEO', 'U0AMARA', 'U0LIAM'];
const running = playgroundForTests();

async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The newest session card in the channel (its header is the group's name). */
function cards(): string[] {
  const { emulator } = running();
  return emulator.channelMessages(PLAYGROUND_CHANNEL.id).filter((m) => m.user === 'U0BOT' && String(m.text).startsWith('Intervision session: Playground peers')).map((m) => String(m.ts));
}

/** Everyone in the meeting agrees from their invitation; the facilitator starts it; the case of `author` is picked. */
async function holdMeeting(facilitator: string, people: string[], author: string): Promise<void> {
  const { emulator } = running();
  for (const user of people) {
    await until(() => emulator.person(user).dms().some((m) => blocksText(m.blocks).includes('Read and join')), `${user}'s invitation`);
    await emulator.person(user).click('Read and join', 'dm');
    await until(() => emulator.ws.modalStack(user).length === 1, 'the agreement');
    await emulator.person(user).modal().check('Your confirmation', ['I agree']);
    await emulator.person(user).modal().submit();
    await emulator.person(user).modal().close();
  }
  const thread = cards().at(-1) ?? '';
  await until(() => emulator.person(facilitator).read({ channel: PLAYGROUND_CHANNEL.id, ts: thread }).includes('ready'), 'everyone ready');
  await emulator.person(facilitator).click('Start (facilitator)', { channel: PLAYGROUND_CHANNEL.id, ts: thread });
  await until(() => emulator.person(facilitator).read({ channel: PLAYGROUND_CHANNEL.id, thread }).includes('Choosing the case'), 'the case selection');
  await emulator.person(facilitator).selectOption('Pick a case (facilitator)', '1. Stuck project', { channel: PLAYGROUND_CHANNEL.id, thread });
  await until(() => emulator.person(author).read({ channel: PLAYGROUND_CHANNEL.id, thread }).includes('Done (case presenter)'), `${author} presenting`);
}

describe('a group in the playground', () => {
  it('is created, and "To the next meeting" jumps to each of its meetings in turn', async () => {
    const { url, emulator } = running();
    expect((await post(url, '/api/clock', { as: FEMKE, move: 'meeting' })).body).toEqual({ ok: false, error: 'No group has a meeting planned: create one with /intervision group.' });
    const femke = emulator.person(FEMKE);
    await femke.command('/intervision', 'group', PLAYGROUND_CHANNEL.id);
    await until(() => emulator.ws.modalStack(FEMKE).length === 1, 'the group form');
    const form = femke.modal();
    await form.fill('Name', 'Playground peers');
    await form.pickUsers('Members', [PRIYA, MATEO, AMARA, LIAM]);
    await form.pickUsers('Who facilitates, in turn', [FEMKE, PRIYA]);
    await form.select('Ask members for cases', 'A day before');
    expect((await form.submit()).errors).toBeUndefined();
    await until(() => form.text().includes('is created'), 'the group');
    await form.close();

    // The members are asked in private; Priya brings a case.
    expect((await post(url, '/api/clock', { as: FEMKE, move: 'next' })).body).toEqual({ ok: true });
    await until(() => emulator.person(PRIYA).dms().some((m) => blocksText(m.blocks).includes('Do you bring a case?')), 'Priya asked');
    await emulator.person(PRIYA).click('I bring a case', 'dm');
    await until(() => emulator.ws.modalStack(PRIYA).length === 1, 'the case form');
    await emulator.person(PRIYA).modal().fill('Title (optional)', 'Stuck project');
    expect((await emulator.person(PRIYA).modal().submit()).errors).toBeUndefined();

    expect((await post(url, '/api/clock', { as: FEMKE, move: 'meeting' })).body).toEqual({ ok: true });
    await until(() => cards().length === 1, 'the first meeting');
    expect(cards()).toHaveLength(1);
    await holdMeeting(FEMKE, [FEMKE, PRIYA, MATEO, AMARA, LIAM], PRIYA);

    const before = (await stateOf(url, FEMKE)).clock?.now ?? 0;
    const first = cards()[0];
    expect((await post(url, '/api/clock', { as: FEMKE, move: 'meeting' })).body).toEqual({ ok: true });
    // Two weeks on, the first meeting was closed (idle for a week) and the second is there.
    await until(() => cards().length === 1 && cards()[0] !== first, 'the second meeting');
    const after = (await stateOf(url, FEMKE)).clock?.now ?? 0;
    // Every 2 weeks (the form's default), at the same wall-clock time.
    expect(after - before).toBeGreaterThan(13 * 86_400_000);
    // Priya facilitates the second meeting: the rotation moved on.
    const second = emulator.channelMessages(PLAYGROUND_CHANNEL.id).find((m) => String(m.ts) === cards().at(-1));
    expect(blocksText((second?.blocks ?? []) as Json[])).toContain('*Facilitator:* <@U0PRIYA>');
    expect(emulator.violations).toEqual([]);
  });
});
