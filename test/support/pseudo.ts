/**
 * A pseudo-locale for tests: every English sentence of the catalogs and of
 * the formats, wrapped in ⟦…⟧ with each letter swapped for an accented one
 * ("Join" -> "⟦Ĵöíñ⟧"), its placeholders ({{user}}), nested sentences
 * ($t(…)), Slack tokens (<@U1>, <!date^…>), date format words
 * ({date_long}), emoji codes (:hourglass:) and code (`/intervision`) kept
 * as they are. Rendered in it, any letter a person could read that is still
 * plain ASCII did not come from a catalog or a format: hard-coded text.
 */
import { deriveLanguage } from '../../src/i18n';

/** The pseudo-locale's code: English's plural rules, nothing else of English. */
export const PSEUDO = 'en-XA';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçđéƒĝĥíĵķĺɱñöþʠŕšţüṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÜṼŴẊÝŽ';
const SWAP = new Map([...PLAIN].map((letter, i) => [letter, [...ACCENTED][i] ?? letter]));

/** What the transform keeps as it is: placeholders, nesting, Slack tokens, date words, emoji codes, code. */
const KEPT = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^<>]*>|\{[a-z_]+\}|:[a-z0-9_+-]+:|`[^`]*`)/;

/** An English sentence in the pseudo-locale. */
export function pseudo(text: string): string {
  const parts = text.split(KEPT).map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => SWAP.get(c) ?? c).join('')));
  return `⟦${parts.join('')}⟧`;
}

let registered = false;

/** Makes the pseudo-locale known to the catalogs and the formats (once per test file). */
export function usePseudoLocale(): string {
  if (!registered) deriveLanguage(PSEUDO, pseudo);
  registered = true;
  return PSEUDO;
}

/** Slack tokens and code a person reads as they are (a mention shows a name, a date a date); a link keeps its label. */
const TOKENS: Array<[RegExp, string]> = [
  [/<(?:https?|mailto):[^|<>]*\|([^<>]*)>/g, '$1'],
  [/<[@#!][^<>]*>/g, ' '],
  [/:[a-z0-9_+-]+:/g, ' '],
  [/`[^`]*`/g, ' '],
  [/&(?:amp|lt|gt);/g, ' '],
];

/**
 * The plain ASCII words left in `text` once the allowed tokens and the texts
 * people wrote (`typed`) are taken out: empty when every word came from the
 * pseudo-locale's catalogs and formats.
 */
export function untransformed(text: string, typed: readonly string[] = []): string[] {
  let rest = text;
  for (const t of [...typed].sort((a, b) => b.length - a.length)) if (t !== '') rest = rest.split(t).join(' ');
  for (const [pattern, by] of TOKENS) rest = rest.replace(pattern, by);
  return rest.match(/[A-Za-z]+/g) ?? [];
}

/**
 * Every text a person can read in a payload, with where it is: each Block
 * Kit text object (plain_text, mrkdwn: sections, headers, context, buttons,
 * options and their descriptions, placeholders, labels, hints, modal titles
 * and buttons, confirm dialogs) and a message's notification `text`.
 */
export function readableTexts(payload: unknown): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((child, i) => walk(child, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const isText = record.type === 'plain_text' || record.type === 'mrkdwn';
      if (typeof record.text === 'string' && (isText || path === '')) found.push({ path: path || 'text', text: record.text });
      for (const [key, child] of Object.entries(record)) if (key !== 'text' || typeof child !== 'string') walk(child, `${path}.${key}`);
    }
  };
  walk(payload, '');
  return found;
}

/** What in a payload a person could read that is not in the pseudo-locale, by where it is. */
export function hardCoded(payload: unknown, typed: readonly string[] = []): string[] {
  return readableTexts(payload).flatMap(({ path, text }) => {
    const words = untransformed(text, typed);
    return words.length > 0 ? [`${path}: ${JSON.stringify(text)} (${words.join(' ')})`] : [];
  });
}
