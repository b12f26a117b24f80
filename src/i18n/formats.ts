import { formatIn, type Format } from '../engine/formats/schema';
import { mapTexts, textsOf, withTexts } from '../engine/formats/translations';
import { derivation, isLanguage, type Lang } from './index';

/**
 * A format in the language it is drawn in: its translation (kept in the
 * format's own file) applied to its English texts. Each format is
 * translated once per language and kept, so drawing stays cheap; a format
 * already drawn in a language is taken back to its English first.
 */

const drawn = new WeakMap<Format, Map<Lang, Format>>();
/** The English format each translated one came from. */
const englishOf = new WeakMap<Format, Format>();

function translated(format: Format, lang: Lang): Format {
  const change = derivation(lang);
  if (change) return withTexts(format, mapTexts(textsOf(format), change));
  return isLanguage(lang) ? formatIn(format, lang) : format;
}

/** The format with its texts in `lang` (English for a language it has no translation for). */
export function localFormat(format: Format, lang: Lang): Format {
  const english = englishOf.get(format) ?? format;
  let byLang = drawn.get(english);
  if (!byLang) {
    byLang = new Map();
    drawn.set(english, byLang);
  }
  let result = byLang.get(lang);
  if (!result) {
    result = translated(english, lang);
    byLang.set(lang, result);
    if (result !== english) englishOf.set(result, english);
  }
  return result;
}

/** The formats of a list, each in `lang`. */
export function localFormats(formats: readonly Format[], lang: Lang): Format[] {
  return formats.map((format) => localFormat(format, lang));
}
