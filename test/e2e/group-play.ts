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

export { inThread };
