import { z } from 'zod';

/**
 * A format's words in other languages, kept in the format's own file: its
 * `translations` hold, per language, every text of the format (name,
 * summary, role words, hide reasons, each phase's title, instruction,
 * labels, hints and nouns) in the same shape as the English fields, with the
 * lists that have ids (phases, hide reasons, options) keyed by id. A format
 * stays one file to edit; a translation that misses a text, or has one the
 * English does not, fails the format's validation.
 */

/** Keys whose string values people read. */
const TEXT_KEYS: ReadonlySet<string> = new Set([
  'name',
  'summary',
  'title',
  'instruction',
  'agreement',
  'textLabel',
  'label',
  'hint',
  'asyncHint',
  'description',
  'pickLabel',
  'remarkLabel',
  'question',
  'memberQuestion',
  'ended',
  'note',
  'singular',
  'plural',
  'indefinite',
  'definite',
  'definitePlural',
]);

/** Keys that hold texts further down: objects, or lists of objects with ids. */
const NESTED_KEYS: ReadonlySet<string> = new Set(['roles', 'presenter', 'facilitator', 'member', 'hideReasons', 'phases', 'input', 'noun', 'options']);

/** Texts, as a format's translation holds them: strings, nested by field and by id. */
export type TextTree = { [key: string]: string | TextTree };

export const TextTree: z.ZodType<TextTree> = z.lazy(() => z.record(z.string(), z.union([z.string().min(1), TextTree])));

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids of a list's items, as the keys its texts are found under. */
function byId(list: unknown[]): Array<[string, Json]> {
  return list.filter(isObject).map((item) => [String(item.id), item]);
}

/** Every text of a format (or a part of one), in a translation's shape. */
export function textsOf(value: Json): TextTree {
  const out: TextTree = {};
  for (const [key, child] of Object.entries(value)) {
    if (TEXT_KEYS.has(key) && typeof child === 'string') out[key] = child;
    else if (NESTED_KEYS.has(key) && Array.isArray(child)) out[key] = Object.fromEntries(byId(child).map(([id, item]) => [id, textsOf(item)]));
    else if (NESTED_KEYS.has(key) && isObject(child)) out[key] = textsOf(child);
  }
  return out;
}

/** The same data with its texts taken from `texts` (a text `texts` lacks stays as it was). */
export function withTexts<T extends Json>(value: T, texts: TextTree): T {
  const out: Json = { ...value };
  for (const [key, child] of Object.entries(value)) {
    const given = texts[key];
    if (TEXT_KEYS.has(key) && typeof child === 'string') {
      if (typeof given === 'string') out[key] = given;
    } else if (NESTED_KEYS.has(key) && typeof given === 'object') {
      if (Array.isArray(child)) out[key] = child.map((item: unknown) => (isObject(item) && isObject(given[String(item.id)]) ? withTexts(item, given[String(item.id)] as TextTree) : item));
      else if (isObject(child)) out[key] = withTexts(child, given);
    }
  }
  return out as T;
}

/** Every text of a tree changed by `change` (a derived language, such as a test's pseudo-locale). */
export function mapTexts(tree: TextTree, change: (text: string) => string): TextTree {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value === 'string' ? change(value) : mapTexts(value, change)]));
}

/** The paths of a tree's texts ("phases.case.title"). */
export function textPaths(tree: TextTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : textPaths(value, `${prefix}${key}.`)));
}

/** What a translation misses of the English texts, and what it has that they do not, as paths. */
export function translationGaps(english: TextTree, translation: TextTree): { missing: string[]; extra: string[] } {
  const want = new Set(textPaths(english));
  const have = new Set(textPaths(translation));
  return { missing: [...want].filter((path) => !have.has(path)), extra: [...have].filter((path) => !want.has(path)) };
}
