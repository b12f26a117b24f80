/**
 * Shared pieces of the Block Kit checker: the limits table, the violation
 * shape, and the small helpers every block and element check uses.
 * Numbers follow /work/shared/slack-platform.md and Slack's Block Kit reference;
 * where Slack is vague we pick the stricter figure, so the emulator fails
 * before Slack would.
 */

/** The Slack error a violation makes the whole API call fail with. */
export type BlockKitError =
  | 'invalid_blocks'
  | 'invalid_blocks_format'
  | 'invalid_arguments'
  | 'msg_too_long'
  | 'msg_blocks_too_long'
  | 'view_too_large';

/** One broken rule, located by a JSON pointer into the payload (like Slack's `[json-pointer:/blocks/0/text]`). */
export interface BlockKitViolation {
  error: BlockKitError;
  path: string;
  problem: string;
}

/** The limits the checker enforces; exported so tests and docs can quote them. */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  /** Sum of all text in a message's blocks; Slack answers msg_blocks_too_long somewhere near 12-13k. */
  totalBlockText: 12_000,
  /** A view's JSON in bytes (Slack says 250 kB; we take 250,000 to be strict). */
  viewBytes: 250_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  actionsElements: 25,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  /** Slack documents 150; the project keeps option values to 75. */
  optionValue: 75,
  optionDescription: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  inputLength: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  imageAltText: 2000,
  imageTitle: 2000,
  accessibilityLabel: 75,
  markdownText: 12_000,
} as const;

/** Collects violations while walking a payload. */
export class Findings {
  readonly list: BlockKitViolation[] = [];
  /** Blocks' text characters seen so far (for msg_blocks_too_long). */
  textTotal = 0;

  add(path: string, problem: string, error: BlockKitError = 'invalid_blocks'): void {
    this.list.push({ error, path, problem });
  }
}

export type Json = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters as a person counts them (code points, so an emoji is one). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Checks an optional string field against a maximum length; `required` makes absence a violation. */
export function checkString(
  f: Findings,
  obj: Json,
  key: string,
  path: string,
  max: number,
  required = false,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    if (required) f.add(`${path}/${key}`, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    f.add(`${path}/${key}`, 'must be a string');
    return undefined;
  }
  if (required && value.length === 0) f.add(`${path}/${key}`, 'must not be empty');
  const n = charCount(value);
  if (n > max) f.add(`${path}/${key}`, `must be at most ${max} characters (is ${n})`);
  return value;
}

/** Checks the elements of an array field against min/max counts; returns the items (or []). */
export function checkArray(
  f: Findings,
  obj: Json,
  key: string,
  path: string,
  min: number,
  max: number,
  required = true,
): unknown[] {
  const value = obj[key];
  if (value === undefined) {
    if (required) f.add(`${path}/${key}`, 'is required');
    return [];
  }
  if (!Array.isArray(value)) {
    f.add(`${path}/${key}`, 'must be an array');
    return [];
  }
  if (value.length < min) f.add(`${path}/${key}`, `must have at least ${min} item(s) (has ${value.length})`);
  if (value.length > max) f.add(`${path}/${key}`, `must have at most ${max} items (has ${value.length})`);
  return value;
}

export type TextKind = 'plain_text' | 'mrkdwn' | 'any';

/**
 * Checks a text object ({type, text, emoji?, verbatim?}) at obj[key].
 * `kind` says which types Slack accepts there; text counts toward the block text total.
 */
export function checkText(
  f: Findings,
  obj: Json,
  key: string,
  path: string,
  max: number,
  kind: TextKind,
  required = false,
): string | undefined {
  const value = obj[key];
  const at = `${path}/${key}`;
  if (value === undefined || value === null) {
    if (required) f.add(at, 'is required');
    return undefined;
  }
  if (!isObject(value)) {
    f.add(at, 'must be a text object ({ type, text })');
    return undefined;
  }
  return checkTextObject(f, value, at, max, kind);
}

/** Checks a text object that is itself the item (e.g. a section field or a context element). */
export function checkTextObject(f: Findings, value: Json, at: string, max: number, kind: TextKind): string | undefined {
  const type = value.type;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    f.add(`${at}/type`, `must be plain_text or mrkdwn (is ${JSON.stringify(type)})`);
    return undefined;
  }
  if (kind !== 'any' && type !== kind) f.add(`${at}/type`, `must be ${kind} here (is ${type})`);
  if (value.emoji !== undefined && type !== 'plain_text') f.add(`${at}/emoji`, 'is only allowed on plain_text');
  if (value.verbatim !== undefined && type !== 'mrkdwn') f.add(`${at}/verbatim`, 'is only allowed on mrkdwn');
  const text = checkString(f, value, 'text', at, max, true);
  if (text !== undefined) f.textTotal += charCount(text);
  return text;
}

/** Checks an id field (block_id, action_id, callback_id): a string of at most 255 characters. */
export function checkId(f: Findings, obj: Json, key: string, path: string, required = false): string | undefined {
  return checkString(f, obj, key, path, BLOCK_KIT_LIMITS.id, required);
}
