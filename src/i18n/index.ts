import i18next, { type Resource } from 'i18next';
import { languageOf } from '../engine/queries';
import { BASE_LANGUAGE, LANGUAGES, type Language, type Session } from '../engine/session';
import { ENGLISH, NAMESPACES, RESOURCES, type Key } from './resources';

/**
 * Every word the bot says, in the person's language: one i18next instance,
 * created once with every catalog (src/i18n/locales/<language>/<namespace>.json,
 * imported as modules), so translating is synchronous. Values are
 * interpolated as given (`escapeValue: false`): whoever passes text a person
 * wrote escapes it for where it is shown (slack/escape.ts), as before.
 */

export type { Key } from './resources';
export { LANGUAGES, type Language } from '../engine/session';

/** What a sentence names: strings, numbers, a `count` for its plural, nouns with their forms ({{role.definite}}). */
export type Params = Record<string, unknown>;

/** A language the catalogs hold: one the bot speaks, or one derived from English (a test's pseudo-locale). */
export type Lang = string;

const instance = i18next.createInstance();
void instance.init({
  resources: RESOURCES as unknown as Resource,
  lng: BASE_LANGUAGE,
  // A key a catalog lacks falls back to English (the parity test keeps every catalog complete).
  fallbackLng: BASE_LANGUAGE,
  ns: [...NAMESPACES],
  defaultNS: 'common',
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  // Values are never interpolated again: a person's text that looks like {{this}} or $t(that) stays as written.
  interpolation: { escapeValue: false, skipOnVariables: true },
});
// "{{role.definite, capitalize}}": the word a sentence starts with.
instance.services.formatter?.add('capitalize', (value: unknown) => capitalized(String(value)));

/** The text with its first letter in upper case (a sentence that starts with a word from a format). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sentence `key` in `lang`, with its params. */
export function t(lang: Lang, key: Key, params: Params = {}): string {
  return instance.t(key, { ...params, lng: lang });
}

/** A translator bound to one language: what a renderer is handed. */
export interface Translator {
  (key: Key, params?: Params): string;
  readonly lang: Lang;
}

export function translator(lang: Lang): Translator {
  const bound = (key: Key, params?: Params): string => t(lang, key, params);
  return Object.assign(bound, { lang });
}

/** Whether `value` names a language the bot speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a Slack locale ("de-DE", "nl-NL", "en-GB"): the one the bot
 * speaks with the same language subtag, else `fallback`.
 */
export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  const subtag = locale?.split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(subtag) ? subtag : fallback;
}

/**
 * Adds a language whose every sentence is an English one changed by
 * `change` (a pseudo-locale: tests render whole sessions in it to find text
 * that does not come from a catalog). Its formats are changed the same way
 * (../i18n/formats.ts).
 */
export function deriveLanguage(lang: Lang, change: (text: string) => string): void {
  derived.set(lang, change);
  for (const ns of NAMESPACES) {
    instance.addResourceBundle(lang, ns, deepMap(ENGLISH[ns], change), false, true);
  }
}

/**
 * The language a session is drawn in: its own (queries.languageOf), or a
 * derived language its settings name (a test's pseudo-locale, never stored).
 */
export function langOf(session: Session): Lang {
  const named: string | undefined = session.settings.language;
  return named !== undefined && derived.has(named) ? named : languageOf(session);
}

/** The change a derived language makes to English, if `lang` is one. */
export function derivation(lang: Lang): ((text: string) => string) | undefined {
  return derived.get(lang);
}

const derived = new Map<Lang, (text: string) => string>();

function deepMap(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === 'string') return change(value);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, deepMap(child, change)]));
}
