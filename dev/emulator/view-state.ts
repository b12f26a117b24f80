/**
 * Stateful elements: the ids Slack gives unnamed blocks, and the `state.values`
 * shape Slack reports for each element type (in view_submission and block_actions).
 */
import type { IdSource } from './ids';
import type { Json, StateValues } from './types';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of the blocks with a block_id on every block and an action_id on every element, as Slack stores them. */
export function normalizeBlocks(blocks: unknown, ids: IdSource): Json[] {
  if (!Array.isArray(blocks)) return [];
  const copy = structuredClone(blocks) as unknown[];
  return copy.filter(isObject).map((block) => {
    if (typeof block.block_id !== 'string') block.block_id = ids.short();
    for (const el of elementsOf(block)) {
      if (el.type !== 'image' && typeof el.action_id !== 'string') el.action_id = ids.short();
    }
    return block;
  });
}

/** The interactive elements of a block (actions elements, a section accessory, an input element). */
export function elementsOf(block: Json): Json[] {
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements.filter(isObject);
  if (block.type === 'section' && isObject(block.accessory)) return [block.accessory];
  if (block.type === 'input' && isObject(block.element)) return [block.element];
  return [];
}

/** Which key in state.values carries an element type's value, and its empty value. */
const VALUE_KEYS: Record<string, [string, unknown]> = {
  plain_text_input: ['value', null],
  email_text_input: ['value', null],
  url_text_input: ['value', null],
  number_input: ['value', null],
  rich_text_input: ['rich_text_value', null],
  static_select: ['selected_option', null],
  external_select: ['selected_option', null],
  radio_buttons: ['selected_option', null],
  multi_static_select: ['selected_options', []],
  multi_external_select: ['selected_options', []],
  checkboxes: ['selected_options', []],
  users_select: ['selected_user', null],
  multi_users_select: ['selected_users', []],
  conversations_select: ['selected_conversation', null],
  multi_conversations_select: ['selected_conversations', []],
  channels_select: ['selected_channel', null],
  multi_channels_select: ['selected_channels', []],
  datepicker: ['selected_date', null],
  timepicker: ['selected_time', null],
  datetimepicker: ['selected_date_time', null],
};

/** The state.values key for an element type (e.g. "selected_option"), or undefined for stateless elements. */
export function valueKey(type: string): string | undefined {
  return VALUE_KEYS[type]?.[0];
}

/** An element's value before the person touches it: its initial_* field, else empty. */
export function initialValue(el: Json): Json | undefined {
  const type = typeof el.type === 'string' ? el.type : '';
  const entry = VALUE_KEYS[type];
  if (!entry) return undefined;
  const [key, empty] = entry;
  const initialKey: Record<string, string> = {
    value: 'initial_value',
    selected_option: 'initial_option',
    selected_options: 'initial_options',
    selected_user: 'initial_user',
    selected_users: 'initial_users',
    selected_conversation: 'initial_conversation',
    selected_conversations: 'initial_conversations',
    selected_channel: 'initial_channel',
    selected_channels: 'initial_channels',
    selected_date: 'initial_date',
    selected_time: 'initial_time',
    selected_date_time: 'initial_date_time',
    rich_text_value: 'initial_value',
  };
  const initial = el[initialKey[key] ?? ''];
  return { type, [key]: initial === undefined ? empty : structuredClone(initial) };
}

/**
 * The state Slack reports for a surface: every stateful element with the
 * person's value if they set one, else its initial value.
 */
export function stateOf(blocks: Json[], touched: StateValues): { values: StateValues } {
  const values: StateValues = {};
  for (const block of blocks) {
    const blockId = String(block.block_id);
    for (const el of elementsOf(block)) {
      const actionId = String(el.action_id);
      const value = touched[blockId]?.[actionId] ?? initialValue(el);
      if (value === undefined) continue;
      values[blockId] = { ...(values[blockId] ?? {}), [actionId]: value };
    }
  }
  return { values };
}

/** Values worth keeping across views.update: those whose block_id/action_id/type still exist (Slack keeps them). */
export function keepValues(touched: StateValues, blocks: Json[]): StateValues {
  const kept: StateValues = {};
  for (const block of blocks) {
    const blockId = String(block.block_id);
    for (const el of elementsOf(block)) {
      const actionId = String(el.action_id);
      const value = touched[blockId]?.[actionId];
      if (value !== undefined && value.type === el.type) kept[blockId] = { ...(kept[blockId] ?? {}), [actionId]: value };
    }
  }
  return kept;
}
