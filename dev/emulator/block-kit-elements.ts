/**
 * Block Kit element checks: buttons, selects, inputs, options, confirm dialogs.
 * Each function adds violations to `Findings`; none throws.
 */
import {
  BLOCK_KIT_LIMITS as L,
  type Findings,
  type Json,
  checkArray,
  checkId,
  checkString,
  checkText,
  isObject,
  type TextKind,
} from './block-kit-core';

/** Every interactive or image element type Slack knows. */
export const ELEMENT_TYPES = [
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'email_text_input',
  'url_text_input',
  'number_input',
  'plain_text_input',
  'rich_text_input',
  'file_input',
  'image',
  'overflow',
  'radio_buttons',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'workflow_button',
] as const;

/** Every select menu, single and multi: the element types named `*_select`. */
const SELECTS = new Set<string>(ELEMENT_TYPES.filter((type) => type.endsWith('_select')));
const TEXT_INPUTS = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input', 'file_input']);

/** Where an element sits decides which element types Slack allows. */
export type ElementPlace = 'actions' | 'accessory' | 'input';

function allowedIn(type: string, place: ElementPlace): boolean {
  if (place === 'input') return type !== 'button' && type !== 'image' && type !== 'overflow' && type !== 'workflow_button';
  if (place === 'actions') return type !== 'image' && !TEXT_INPUTS.has(type);
  // section accessory
  return !TEXT_INPUTS.has(type) && type !== 'rich_text_input' && type !== 'datetimepicker';
}

/** Checks one element; returns its action_id (for uniqueness checks by the caller). */
export function checkElement(f: Findings, el: unknown, path: string, place: ElementPlace): string | undefined {
  if (!isObject(el)) {
    f.add(path, 'must be an element object');
    return undefined;
  }
  const type = el.type;
  if (typeof type !== 'string' || !(ELEMENT_TYPES as readonly string[]).includes(type)) {
    f.add(`${path}/type`, `unknown element type ${JSON.stringify(type)}`);
    return undefined;
  }
  if (!allowedIn(type, place)) f.add(`${path}/type`, `${type} is not allowed in ${place === 'accessory' ? 'a section accessory' : `an ${place} block`}`);
  if (type === 'image') {
    checkImageElement(f, el, path);
    return undefined;
  }
  const actionId = checkId(f, el, 'action_id', path, type === 'button');
  if (el.confirm !== undefined) checkConfirm(f, el.confirm, `${path}/confirm`);
  if (type === 'button' || type === 'workflow_button') checkButton(f, el, path);
  else if (SELECTS.has(type)) checkSelect(f, el, path, type);
  else if (type === 'overflow') checkOptions(f, el, 'options', path, L.overflowOptionsMin, L.overflowOptionsMax, 'plain_text', true);
  else if (type === 'checkboxes') checkOptions(f, el, 'options', path, 1, L.checkboxOptions, 'any', false);
  else if (type === 'radio_buttons') checkOptions(f, el, 'options', path, 1, L.radioOptions, 'any', false);
  else if (type === 'plain_text_input') checkPlainTextInput(f, el, path);
  else if (type === 'number_input' && typeof el.is_decimal_allowed !== 'boolean')
    f.add(`${path}/is_decimal_allowed`, 'is required (true or false)');
  else if (type === 'datepicker' && el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
    f.add(`${path}/initial_date`, 'must be YYYY-MM-DD');
  if (type !== 'button' && type !== 'workflow_button' && type !== 'checkboxes' && type !== 'radio_buttons')
    checkText(f, el, 'placeholder', path, L.placeholder, 'plain_text');
  return actionId;
}

function checkButton(f: Findings, el: Json, path: string): void {
  checkText(f, el, 'text', path, L.buttonText, 'plain_text', true);
  checkString(f, el, 'value', path, L.buttonValue);
  checkString(f, el, 'url', path, L.url);
  checkString(f, el, 'accessibility_label', path, L.accessibilityLabel);
  if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
    f.add(`${path}/style`, 'must be primary or danger');
}

function checkSelect(f: Findings, el: Json, path: string, type: string): void {
  if (type === 'static_select' || type === 'multi_static_select') {
    const hasOptions = el.options !== undefined;
    const hasGroups = el.option_groups !== undefined;
    if (hasOptions === hasGroups) f.add(path, 'needs exactly one of options or option_groups');
    const values = new Set<string>();
    if (hasOptions) {
      for (const v of checkOptions(f, el, 'options', path, 1, L.selectOptions, 'plain_text', true)) values.add(v);
    }
    if (hasGroups) {
      checkArray(f, el, 'option_groups', path, 1, L.optionGroups).forEach((g, i) => {
        const gp = `${path}/option_groups/${i}`;
        if (!isObject(g)) return f.add(gp, 'must be an option group object');
        checkText(f, g, 'label', gp, L.optionGroupLabel, 'plain_text', true);
        for (const v of checkOptions(f, g, 'options', gp, 1, L.selectOptions, 'plain_text', true)) values.add(v);
      });
    }
    checkInitialOptions(f, el, path, values);
  }
  if (type === 'conversations_select' || type === 'multi_conversations_select') checkConversationSelect(f, el, path, type);
  if (type.startsWith('multi_') && el.max_selected_items !== undefined) {
    if (typeof el.max_selected_items !== 'number' || el.max_selected_items < 1)
      f.add(`${path}/max_selected_items`, 'must be a number of at least 1');
  }
}

const CONVERSATION_KINDS = ['im', 'mpim', 'private', 'public'];

/** A conversation picker's own fields: its filter object (at least one field; `include` a non-empty list of kinds), booleans, initial conversation(s). */
function checkConversationSelect(f: Findings, el: Json, path: string, type: string): void {
  for (const key of ['default_to_current_conversation', 'response_url_enabled']) {
    if (el[key] !== undefined && typeof el[key] !== 'boolean') f.add(`${path}/${key}`, 'must be true or false');
  }
  if (type === 'conversations_select' && el.initial_conversation !== undefined && typeof el.initial_conversation !== 'string')
    f.add(`${path}/initial_conversation`, 'must be a conversation id');
  if (el.filter === undefined) return;
  const filter = el.filter;
  if (!isObject(filter)) return f.add(`${path}/filter`, 'must be a filter object');
  const known = ['include', 'exclude_external_shared_channels', 'exclude_bot_users'];
  if (!known.some((key) => filter[key] !== undefined)) f.add(`${path}/filter`, `needs at least one of ${known.join(', ')}`);
  for (const key of Object.keys(filter)) if (!known.includes(key)) f.add(`${path}/filter/${key}`, 'is not a filter field');
  if (filter.include !== undefined) {
    const include = filter.include;
    if (!Array.isArray(include) || include.length === 0) f.add(`${path}/filter/include`, 'must be a non-empty list of im, mpim, private, public');
    else include.forEach((kind, i) => {
      if (typeof kind !== 'string' || !CONVERSATION_KINDS.includes(kind)) f.add(`${path}/filter/include/${i}`, 'must be one of im, mpim, private, public');
    });
  }
  for (const key of ['exclude_external_shared_channels', 'exclude_bot_users']) {
    if (filter[key] !== undefined && typeof filter[key] !== 'boolean') f.add(`${path}/filter/${key}`, 'must be true or false');
  }
}

/** Slack rejects an initial option that is not one of the offered options. */
function checkInitialOptions(f: Findings, el: Json, path: string, values: Set<string>): void {
  const initial: Array<[unknown, string]> = [];
  if (el.initial_option !== undefined) initial.push([el.initial_option, `${path}/initial_option`]);
  if (Array.isArray(el.initial_options)) el.initial_options.forEach((o, i) => initial.push([o, `${path}/initial_options/${i}`]));
  for (const [option, at] of initial) {
    const value = isObject(option) ? option.value : undefined;
    if (typeof value !== 'string' || !values.has(value)) f.add(at, 'must be one of the options');
  }
}

/** Checks an options array; returns the option values seen. */
export function checkOptions(
  f: Findings,
  obj: Json,
  key: string,
  path: string,
  min: number,
  max: number,
  textKind: TextKind,
  plainOnly: boolean,
): string[] {
  const values: string[] = [];
  checkArray(f, obj, key, path, min, max).forEach((option, i) => {
    const op = `${path}/${key}/${i}`;
    if (!isObject(option)) return f.add(op, 'must be an option object');
    checkText(f, option, 'text', op, L.optionText, plainOnly ? 'plain_text' : textKind, true);
    const value = checkString(f, option, 'value', op, L.optionValue, true);
    if (value !== undefined) values.push(value);
    checkText(f, option, 'description', op, L.optionDescription, plainOnly ? 'plain_text' : textKind);
    checkString(f, option, 'url', op, L.url);
  });
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) f.add(`${path}/${key}`, `option value ${JSON.stringify(v)} is used twice`);
    seen.add(v);
  }
  return values;
}

function checkPlainTextInput(f: Findings, el: Json, path: string): void {
  const limit = (key: string, min: number): number | undefined => {
    const v = el[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > L.inputLength) {
      f.add(`${path}/${key}`, `must be a whole number from ${min} to ${L.inputLength}`);
      return undefined;
    }
    return v;
  };
  const max = limit('max_length', 1);
  const min = limit('min_length', 0);
  if (max !== undefined && min !== undefined && min > max) f.add(`${path}/min_length`, 'must not exceed max_length');
  checkString(f, el, 'initial_value', path, max ?? L.inputLength);
}

/** Checks a confirm dialog object ({title, text, confirm, deny}). */
export function checkConfirm(f: Findings, confirm: unknown, path: string): void {
  if (!isObject(confirm)) return f.add(path, 'must be a confirm object');
  checkText(f, confirm, 'title', path, L.confirmTitle, 'plain_text', true);
  checkText(f, confirm, 'text', path, L.confirmText, 'any', true);
  checkText(f, confirm, 'confirm', path, L.confirmButton, 'plain_text', true);
  checkText(f, confirm, 'deny', path, L.confirmButton, 'plain_text', true);
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger')
    f.add(`${path}/style`, 'must be primary or danger');
}

/** Checks an image element (inside context blocks or as a section accessory). */
export function checkImageElement(f: Findings, el: Json, path: string): void {
  if (el.image_url === undefined && el.slack_file === undefined) f.add(path, 'needs image_url or slack_file');
  checkString(f, el, 'image_url', path, L.url);
  checkString(f, el, 'alt_text', path, L.imageAltText, true);
}
