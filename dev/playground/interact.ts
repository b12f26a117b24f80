/**
 * Turning what a person did on the page (clicked this button, chose that
 * option, typed into a modal) into what Slack sends the app. The page names an
 * element by block_id and action_id only; the element itself, its options and
 * their texts are always taken from the workspace, never from the page.
 */
import { optionsOf } from '../emulator/screen';
import { elementsOf, valueKey } from '../emulator/view-state';
import type { ActionSource, EmuView, Json, SlackEmulator, StateValues } from '../emulator';
import type { Choice, SourceBody, ViewValues } from './schemas';

/** A request the person may not make (the page shows `message`). */
export class PlaygroundError extends Error {
  override readonly name = 'PlaygroundError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The blocks of a surface the person can see, and the driver's name for it. */
export function surfaceOf(emulator: SlackEmulator, user: string, source: SourceBody): { blocks: Json[]; source: ActionSource; view?: EmuView } {
  const ws = emulator.ws;
  if (source.kind === 'view') {
    const view = ws.findView({ id: source.viewId });
    if (!view || view.user !== user) throw new PlaygroundError('That view is not open for you.', 404);
    return { blocks: view.blocks, source: { kind: 'view', viewId: view.id }, view };
  }
  if (source.kind === 'ephemeral') {
    const eph = ws.ephemerals.find((e) => e.id === source.id && e.user === user);
    if (!eph) throw new PlaygroundError('That message is gone.', 404);
    return { blocks: eph.blocks ?? [], source: { kind: 'ephemeral', id: eph.id } };
  }
  const channel = ws.channels.get(source.channel);
  if (!channel || !channel.members.includes(user)) throw new PlaygroundError('You are not in that conversation.', 403);
  const message = ws.findMessage(channel.id, source.ts);
  if (!message || message.subtype === 'tombstone') throw new PlaygroundError('That message is gone.', 404);
  return { blocks: message.blocks ?? [], source: { kind: 'message', channel: channel.id, ts: message.ts } };
}

/** The block and element named by ids, or a PlaygroundError. */
export function findElement(blocks: Json[], blockId: string, actionId: string): { block: Json; element: Json } {
  for (const block of blocks) {
    if (block.block_id !== blockId) continue;
    const element = elementsOf(block).find((e) => e.action_id === actionId);
    if (element) return { block, element };
  }
  throw new PlaygroundError('That control is no longer there.', 409);
}

function option(element: Json, value: string | null | undefined): Json | null {
  if (value === null || value === undefined) return null;
  const found = optionsOf(element).find((o) => o.value === value);
  if (!found) throw new PlaygroundError('That option is not offered.');
  return structuredClone(found);
}

function person(emulator: SlackEmulator, id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const user = emulator.ws.users.get(id);
  if (!user || user.deleted) throw new PlaygroundError('There is nobody with that id.');
  return id;
}

function conversation(emulator: SlackEmulator, id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  if (!emulator.ws.channels.get(id)) throw new PlaygroundError('There is no conversation with that id.');
  return id;
}

/** The element's value in Slack's state shape (`{type, value}`, `{type, selected_option}`...), from the page's choice. */
export function stateEntry(emulator: SlackEmulator, element: Json, choice: Choice): Json {
  const type = String(element.type);
  const key = type === 'overflow' ? 'selected_option' : valueKey(type);
  switch (key) {
    case 'value':
      return { type, value: choice.value ?? null };
    case 'selected_option':
      return { type, selected_option: option(element, choice.option) };
    case 'selected_options':
      return { type, selected_options: (choice.options ?? []).map((v) => option(element, v)) };
    case 'selected_user':
      return { type, selected_user: person(emulator, choice.user) };
    case 'selected_users':
      return { type, selected_users: (choice.users ?? []).map((u) => person(emulator, u)) };
    case 'selected_date':
      return { type, selected_date: choice.date ?? null };
    case 'selected_conversation':
      return { type, selected_conversation: conversation(emulator, choice.conversation) };
    default:
      throw new PlaygroundError(`The playground cannot set a ${type}.`);
  }
}

/**
 * What the person typed or chose on a surface, in Slack's `state.values`
 * shape. Values for elements the surface does not have are dropped.
 */
export function stateValues(emulator: SlackEmulator, blocks: Json[], values: ViewValues): StateValues {
  const out: StateValues = {};
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const [actionId, choice] of Object.entries(byAction)) {
      const block = blocks.find((b) => b.block_id === blockId);
      const element = block && elementsOf(block).find((e) => e.action_id === actionId);
      if (!element || valueKey(String(element.type)) === undefined) continue;
      out[blockId] = { ...(out[blockId] ?? {}), [actionId]: stateEntry(emulator, element, choice) };
    }
  }
  return out;
}

/** Keeps values in a view's state, as Slack does while the person fills it in. */
export function storeValues(view: EmuView, values: StateValues): void {
  for (const [blockId, byAction] of Object.entries(values)) view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), ...byAction };
}

/** The `actions[0]` Slack sends for a click or a choice on `element`. */
export function actionOf(emulator: SlackEmulator, block: Json, element: Json, choice: Choice | undefined): Json {
  const ids = { action_id: element.action_id, block_id: block.block_id };
  if (element.type === 'button') {
    const action: Json = { type: 'button', ...ids, text: element.text };
    if (element.value !== undefined) action.value = element.value;
    if (element.style !== undefined) action.style = element.style;
    return action;
  }
  return { ...stateEntry(emulator, element, choice ?? {}), ...ids };
}
