/**
 * A person's moves with a group, as they would make them: the group form,
 * `/intervision group`, the ask in their DMs, the case selection in a
 * meeting's thread; and the clock moved to what is due next.
 */
import { blocksText, type Json, type SeenItem } from '../../dev/emulator';
import { CHANNEL, PEOPLE, type TestBot } from '../support/bot';
import { inThread } from './play';

/** Moves the bot's clock to `at` and waits until what fell due has happened. */
export async function at(bot: TestBot, ms: number): Promise<void> {
  bot.clock.set(ms);
  await bot.services.scheduler.tick();
  await bot.settle();
}

/** The text of the newest message only `user` sees (an ephemeral), blocks included. */
export function newestPrivate(bot: TestBot, user: string): string {
  const item = bot.person(user).ephemerals().at(-1);
  return item ? `${item.text}\n${blocksText(item.blocks)}` : '';
}

/** What `user` sees when they type /intervision group in the channel (only to them). */
export async function groupView(bot: TestBot, user: string): Promise<string> {
  await bot.person(user).command('/intervision', 'group');
  await bot.settle();
  return newestPrivate(bot, user);
}

/** Everything the channel shows, to anyone in it (messages and threads, no ephemerals). */
export function channelText(bot: TestBot): string {
  return bot.emulator
    .channelMessages(CHANNEL)
    .map((m) => `${m.text}\n${blocksText((m.blocks ?? []) as Json[])}`)
    .join('\n');
}

/** The group's card in the channel (its header block). */
export function groupCard(bot: TestBot): SeenItem | undefined {
  return bot
    .person(PEOPLE.alice)
    .seen({ channel: CHANNEL })
    .find((item) => item.blocks.some((b: Json) => b.block_id === 'group-title'));
}

/** The selection message in the meeting's thread. */
export function selectionMessage(bot: TestBot): SeenItem | undefined {
  return bot.thread().find((item) => item.blocks.some((b: Json) => b.block_id === 'selection-title'));
}

/** A member clicks Vote beside the case with this title. */
export async function voteFor(bot: TestBot, user: string, title: string): Promise<void> {
  const item = selectionMessage(bot);
  const block = item?.blocks.find((b: Json) => b.type === 'section' && String((b.text as Json | undefined)?.text ?? '').includes(title));
  const accessory = block?.accessory as Json | undefined;
  if (!item || !block || !accessory) throw new Error(`no Vote beside “${title}”`);
  await bot.driver.blockAction({
    user,
    source: item.source,
    action: { type: 'button', action_id: accessory.action_id, block_id: block.block_id, value: accessory.value, text: accessory.text },
  });
  await bot.settle();
}

/** A member answers the ask in their DMs: "I bring a case", with a title. */
export async function proposeFromDm(bot: TestBot, user: string, title: string): Promise<void> {
  await bot.person(user).click('I bring a case', 'dm');
  await bot.settle();
  const modal = bot.person(user).modal();
  await modal.fill('Title (optional)', title);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`${user}'s case was refused: ${JSON.stringify(errors)}`);
  await bot.settle();
}

/** What the group form asks, as a person fills it in. */
export interface GroupForm {
  name: string;
  members: string[];
  facilitators: string[];
  format: string;
  repeats: string;
  weekday: string;
  time: string;
  starting: string;
  zone: string;
  ask: string;
  remind: string;
}

/** `creator` creates the channel's group with /intervision group and closes the form once it says so. */
export async function createGroup(bot: TestBot, creator: string, form: GroupForm): Promise<void> {
  await bot.person(creator).command('/intervision', 'group');
  await bot.settle();
  const modal = bot.person(creator).modal();
  await modal.fill('Name', form.name);
  await modal.pickUsers('Members', form.members);
  await modal.pickUsers('Who facilitates, in turn', form.facilitators);
  await modal.select('Format', form.format);
  await modal.select('Repeats', form.repeats);
  await modal.select('Weekday', form.weekday);
  await modal.select('Time', form.time);
  await modal.pickDate('Starting', form.starting);
  await modal.fill('Time zone', form.zone);
  await modal.select('Ask members for cases', form.ask);
  await modal.select('Remind the group', form.remind);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`the group form refused: ${JSON.stringify(errors)}`);
  await bot.settle();
  if (!modal.text().includes('is created')) throw new Error(`the group was not created: ${modal.text()}`);
  await modal.close();
}

/** A member's choice for one meeting, from /intervision group's menu and its form. */
export async function chooseForMeeting(bot: TestBot, user: string, choice: string, fill: (modal: ReturnType<ReturnType<TestBot['person']>['modal']>) => Promise<void>): Promise<Record<string, string> | undefined> {
  await groupView(bot, user);
  await bot.person(user).selectOption('*Your choices:* away for a meeting, skip one, postpone the next, hand over your facilitation.', choice, 'ephemeral');
  await bot.settle();
  const modal = bot.person(user).modal();
  await fill(modal);
  const { errors } = await modal.submit();
  await bot.settle();
  if (errors) await modal.close();
  return errors;
}

export { inThread };
