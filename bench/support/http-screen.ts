/**
 * What a person in a bench:http session reads off the screen: the session
 * card in the session's channel, its thread, the newest phase prompt and whose
 * turn it says it is, the presenter's answer buttons. Only what the emulator
 * shows; nothing is read from the bot.
 */
import { blocksText, type EmuMessage, type Json, type Person, type SeenItem, type SlackEmulator } from '../../dev/emulator';
import { controlsOf, normalize } from '../../dev/emulator/screen';
import type { Format, RoundsPhase } from '../../src/engine/formats/schema';

/** "It's <@U0CAROL>'s turn" and "· round 2" in a live round's prompt. */
const TURN = /It's <@(U[A-Z0-9]+)>'s turn/;
const ROUND = /· round (\d+)/;

/** The words an item shows (its fallback text and its blocks). */
export function textOf(item: SeenItem | undefined): string {
  return item ? `${item.text}\n${blocksText(item.blocks)}` : '';
}

/** The session card: the bot's newest top-level message in the channel. */
export function cardOf(emulator: SlackEmulator, channel: string): SeenItem | undefined {
  const bot = emulator.ws.bot.userId;
  // Read in place (the probes run on every change; channelMessages would copy every message each time).
  const messages = emulator.ws.allMessages(channel);
  let last: EmuMessage | undefined;
  for (let i = messages.length - 1; i >= 0 && !last; i -= 1) {
    const m = messages[i] as EmuMessage;
    if (m.user === bot && (!m.thread_ts || m.thread_ts === m.ts)) last = m;
  }
  if (!last) return undefined;
  return { kind: 'message', place: 'card', source: { kind: 'message', channel, ts: last.ts }, ts: last.ts, text: last.text, blocks: last.blocks ?? [] };
}

/** Whether the card still offers buttons (a closed session's note has none). */
export function cardIsLive(card: SeenItem | undefined): boolean {
  return card !== undefined && card.blocks.some((b) => b.type === 'actions' || b.accessory !== undefined);
}

/** The card's thread as `person` sees it, messages only (no ephemerals). */
export function threadOf(emulator: SlackEmulator, person: Person, channel: string): SeenItem[] {
  const ts = cardOf(emulator, channel)?.ts;
  return ts ? person.thread(channel, ts).filter((item) => item.kind === 'message') : [];
}

/** The newest phase prompt in the thread (a message whose header block is "phase-title"), with its title. */
export function latestPrompt(thread: SeenItem[]): { item: SeenItem; title: string; text: string } | undefined {
  for (let i = thread.length - 1; i >= 0; i -= 1) {
    const item = thread[i] as SeenItem;
    const header = item.blocks.find((b) => b.block_id === 'phase-title');
    if (header) return { item, title: String((header.text as { text?: string } | undefined)?.text ?? ''), text: textOf(item) };
  }
  return undefined;
}

/** Whose turn a prompt says it is, and the round; undefined when nobody's. */
export function turnOf(promptText: string): { holder: string; round: number } | undefined {
  const holder = TURN.exec(promptText)?.[1];
  const round = ROUND.exec(promptText)?.[1];
  return holder && round ? { holder, round: Number(round) } : undefined;
}

/** A button's label as the format words it for a role: "Answer Q3 (case presenter)", "Start (facilitator)". */
export function forRole(format: Format, role: keyof Format['roles'], label: string): string {
  return `${label} (${format.roles[role].singular})`;
}

/** The text field of a rounds phase's input form: its noun, capitalized ("Question"). */
export function inputField(phase: RoundsPhase): string {
  const noun = phase.input.noun.singular;
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/** The labels ("Q3") of questions the presenter sees an answer button for (its role in the format's words). */
export function unansweredLabels(thread: SeenItem[]): string[] {
  return thread
    .flatMap((item) => controlsOf(item.blocks))
    .map((control) => /^Answer (\w+) \(.+\)$/.exec(control.names[0] ?? '')?.[1])
    .filter((label): label is string => label !== undefined);
}

/** The option texts of a multi-select in the prompt (the presenter's picks). */
export function menuOptions(prompt: SeenItem): string[] {
  for (const control of controlsOf(prompt.blocks)) {
    const el = control.element;
    if (el.type === 'multi_static_select' && Array.isArray(el.options)) return (el.options as Json[]).map((o) => normalize(String((o.text as { text?: string } | undefined)?.text ?? '')));
  }
  return [];
}

/** The name of a button the person sees in the card, if any starts with `label` (e.g. "Start (facilitator) · 6 of 6 ready", its role in the format's words). */
export function cardButton(card: SeenItem | undefined, label: string): string | undefined {
  return card ? controlsOf(card.blocks).map((c) => c.names[0] ?? '').find((name) => name === label || name.startsWith(`${label} · `)) : undefined;
}
