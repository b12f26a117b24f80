/**
 * A person's moves in a live session, as they would make them: read the
 * prompt, click the button with that label, fill the modal, send. Each move
 * waits until the bot has done everything it does in answer (settle), so the
 * next move sees what a person would see next.
 */
import { closeSetUpView } from '../support/form-problems';
import type { Format, Phase, RoundsPhase } from '../../src/engine/formats/schema';
import type { Session } from '../../src/engine/session';
import { blocksText, type Json, type SeenItem } from '../../dev/emulator';
import { CREATOR_AGREEMENT, FACILITATOR_TAKES_PART } from '../../src/slack/blocks/new-session-modal';
import { CHANNEL, type TestBot } from '../support/bot';

/** "It's <@U0CAROL>'s turn" in a live round's prompt. */
const TURN = /It's <@(U[A-Z0-9]+)>'s turn/;
const ROUND = /· round (\d+)/;

/** The thread of the newest card, as a place a person can look. */
export function inThread(bot: TestBot): { channel: string; thread: string } {
  const ts = bot.card()?.ts;
  if (!ts) throw new Error('no session card yet');
  return { channel: CHANNEL, thread: ts };
}

/** The text a seen item shows (its fallback text and its blocks). */
export function textOf(item: SeenItem | undefined): string {
  return item ? [item.text, blocksText(item.blocks)].join('\n') : '';
}

/** The prompt message of a phase in the thread (its header is the phase title). */
export function promptOf(bot: TestBot, phase: Phase, viewer?: string): SeenItem | undefined {
  return bot
    .thread(viewer)
    .find((item) => item.blocks.some((b: Json) => b.block_id === 'phase-title' && (b.text as { text?: string } | undefined)?.text === phase.title));
}

/** The round board of a rounds phase (first page). */
export function boardOf(bot: TestBot, phase: Phase): SeenItem | undefined {
  return bot.thread().find((item) => item.blocks.some((b: Json) => b.block_id === 'board-heading') && textOf(item).includes(`*${phase.title}* · round board`));
}

/** Whose turn the phase's prompt says it is, and in which round; undefined when nobody's. */
export function turnOf(bot: TestBot, phase: Phase): { holder: string; round: number } | undefined {
  const text = textOf(promptOf(bot, phase));
  const holder = TURN.exec(text)?.[1];
  const round = ROUND.exec(text)?.[1];
  return holder && round ? { holder, round: Number(round) } : undefined;
}

/** Clicks a button in the session thread and waits for the bot. */
export async function click(bot: TestBot, user: string, label: string): Promise<void> {
  await bot.person(user).click(label, inThread(bot));
  await bot.settle();
}

/** Clicks a button that opens a modal, fills it and sends it; fails the test if the modal shows an error. */
export async function writeInModal(bot: TestBot, user: string, label: string, fields: Record<string, string>, choices: Record<string, string> = {}): Promise<void> {
  await click(bot, user, label);
  const modal = bot.person(user).modal();
  for (const [field, option] of Object.entries(choices)) await modal.select(field, option);
  for (const [field, text] of Object.entries(fields)) await modal.fill(field, text);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`${user}'s modal "${modal.title}" showed errors: ${JSON.stringify(errors)}`);
  await bot.settle();
}

/** The text field of a rounds phase's input modal: its noun, capitalized ("Question"). */
export function inputField(phase: RoundsPhase): string {
  const noun = phase.input.noun.singular;
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/** A button's label as a format words it for a role: "Done (case presenter)", "Next phase (moderator)". */
export function roleButton(format: Format, role: keyof Format['roles'], label: string): string {
  return `${label} (${format.roles[role].singular})`;
}

/** A member gives an input in their turn (a question, compliment, tip, observation, take-away). */
export async function giveInput(bot: TestBot, user: string, phase: RoundsPhase, text: string): Promise<void> {
  await writeInModal(bot, user, phase.input.label, { [inputField(phase)]: text });
}

/** The board label ("Q3") of the newest unanswered question the presenter can answer. */
export function unansweredLabels(bot: TestBot, presenter: string): string[] {
  const where = inThread(bot);
  const buttons = bot.person(presenter).seen(where).flatMap((item) => item.blocks.flatMap((b: Json) => (Array.isArray(b.elements) ? (b.elements as Json[]) : [])));
  return buttons
    .map((el) => (el.text as { text?: string } | undefined)?.text ?? '')
    .map((text) => /^Answer (\w+) \(.+\)$/.exec(text)?.[1])
    .filter((label): label is string => label !== undefined);
}

/** The option texts of the presenter's pick menu, as shown. */
export function pickMenuOptions(bot: TestBot, phase: Phase): string[] {
  const prompt = promptOf(bot, phase);
  for (const block of prompt?.blocks ?? []) {
    const accessory = block.accessory as Json | undefined;
    if (accessory?.type === 'multi_static_select' && Array.isArray(accessory.options)) {
      return (accessory.options as Json[]).map((o) => (o.text as { text: string }).text);
    }
  }
  return [];
}

/** The format's phase of a kind (the first one). */
export function phaseOfKind<K extends Phase['kind']>(format: Format, kind: K): Extract<Phase, { kind: K }> {
  const phase = format.phases.find((p): p is Extract<Phase, { kind: K }> => p.kind === kind);
  if (!phase) throw new Error(`${format.id} has no ${kind} phase`);
  return phase;
}

/** The label of the creation form's place field and its two choices. */
export const PLACE = { label: 'Who can read the session', room: 'A private channel just for the participants', thread: "This channel's thread" } as const;

/**
 * The facilitator creates a session with /intervision new (the default
 * format unless `format` names another, live; on a call with `onCall`), confirming the agreement in the form, and returns its id. With
 * `facilitatorIsMember: false` they untick "Facilitator" and only guide;
 * otherwise the modal's default stays. It is held in the channel's thread
 * unless `place` says 'room'. Unless `agree` is false, the presenter and the
 * members then join from the card, confirming the agreement, as they must
 * before the session can start with them.
 */
export async function createSession(
  bot: TestBot,
  roles: {
    format?: string;
    facilitator: string;
    presenter: string;
    members: string[];
    title?: string;
    facilitatorIsMember?: boolean;
    place?: 'room' | 'thread';
    agree?: boolean;
    onCall?: boolean;
  },
): Promise<string> {
  const facilitator = bot.person(roles.facilitator);
  await facilitator.command('/intervision', 'new');
  await bot.settle();
  const modal = facilitator.modal();
  if (roles.format !== undefined) {
    await modal.select('Format', roles.format);
    await bot.settle();
  }
  if (roles.onCall) {
    await modal.select('How you meet', 'Live on a call');
    await bot.settle();
  }
  await modal.pickUsers('Presenter (brings the case)', [roles.presenter]);
  await modal.pickUsers('Members', roles.members);
  if (roles.facilitatorIsMember === false) await modal.check(FACILITATOR_TAKES_PART.label, []);
  await modal.fill('Title', roles.title ?? 'Peer group');
  await modal.select(PLACE.label, PLACE[roles.place ?? 'thread']);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`the new-session modal refused: ${JSON.stringify(errors)}`);
  await bot.settle();
  await closeSetUpView(modal);
  const id = roles.place === 'room' ? await roomSessionId(bot) : await bot.sessionId();
  if (roles.agree !== false) {
    for (const user of [roles.presenter, ...roles.members]) await agreeFromInvitation(bot, user);
  }
  return id;
}

/** The newest session held in a private room the bot made (its channel is named intervision-…). */
export async function roomSessionId(bot: TestBot): Promise<string> {
  const room = [...bot.emulator.ws.channels.values()].filter((c) => c.name.startsWith('intervision-')).at(-1);
  const id = room ? (await bot.store.listByChannel(room.id)).at(-1) : undefined;
  if (!id) throw new Error('no session in a private room');
  return id;
}

/** A person opens the invitation in their direct messages, reads the agreement and confirms it. */
export async function agreeFromInvitation(bot: TestBot, user: string): Promise<void> {
  await bot.person(user).click('Read and join', 'dm');
  await bot.settle();
  const modal = bot.person(user).modal();
  await modal.check('Your confirmation', ['I agree']);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`${user}'s agreement was refused: ${JSON.stringify(errors)}`);
  await bot.settle();
  await bot.person(user).modal().close();
}

/** The session as stored; fails the test when it is gone. */
export async function storedSession(bot: TestBot, id: string): Promise<Session> {
  const session = await bot.store.load(id);
  if (!session) throw new Error(`session ${id} is gone`);
  return session;
}

/** The notes "It's your turn in …" that `user` found in the session thread (ephemerals only they see), oldest first. */
export function turnNotes(bot: TestBot, user: string): string[] {
  const thread = bot.card()?.ts;
  return bot
    .person(user)
    .ephemerals()
    .filter((e) => e.thread_ts === thread && e.text.startsWith("It's your turn"))
    .map((e) => blocksText(e.blocks));
}

/** The text of the newest message only `user` sees (their ephemerals), or "". */
export function newestEphemeral(bot: TestBot, user: string): string {
  return bot.person(user).ephemerals().at(-1)?.text ?? '';
}
