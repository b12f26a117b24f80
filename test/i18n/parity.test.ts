/**
 * Key parity: every language has exactly the English catalogs' keys (plural
 * forms included), and each sentence names the same things: the same
 * placeholders ({{name}}, by the name before any form or format, so German
 * may say {{role.singular}} where English says {{role.definite}}), the same
 * nested sentences ($t(…)), the same code (`/invite @Intervision`) and emoji
 * codes. Every shipped format carries a complete translation into every
 * language, and a format file that lacks one text is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryOfFiles } from '../../src/engine/formats';
import { textPaths, textsOf } from '../../src/engine/formats/translations';
import { LANGUAGES } from '../../src/engine/session';
import { ENGLISH, NAMESPACES, RESOURCES, type Catalog } from '../../src/i18n/resources';
import { SHIPPED_FORMATS, loadFormats } from '../support/format-files';

const OTHERS = LANGUAGES.filter((language) => language !== 'en');

/** A catalog, flat: "a.b_one" -> its sentence. */
function flat(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flat(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** What a sentence names that every language must name too. */
function names(sentence: string): Record<string, string[]> {
  const sorted = (found: Iterable<string>) => [...new Set(found)].sort();
  return {
    placeholders: sorted([...sentence.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '')),
    nested: sorted([...sentence.matchAll(/\$t\(([^,)]+)/g)].map((m) => m[1] ?? '')),
    code: sorted([...sentence.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? '')),
    emoji: sorted([...sentence.matchAll(/:([a-z0-9_+-]+):/g)].map((m) => m[1] ?? '')),
  };
}

describe.each(OTHERS)('the %s catalogs', (language) => {
  const catalogs = RESOURCES[language];

  test('exist for every namespace', () => {
    expect(catalogs && Object.keys(catalogs).sort()).toEqual([...NAMESPACES].sort());
  });

  test.each(NAMESPACES)('%s: the same keys as English, plural forms included', (ns) => {
    const english = [...flat(ENGLISH[ns]).keys()].sort();
    const translated = [...flat(catalogs?.[ns] ?? {}).keys()].sort();
    expect({ missing: english.filter((k) => !translated.includes(k)), extra: translated.filter((k) => !english.includes(k)) }).toEqual({ missing: [], extra: [] });
  });

  test.each(NAMESPACES)('%s: each sentence names the same placeholders, nested sentences, code and emoji as in English', (ns) => {
    const translated = flat(catalogs?.[ns] ?? {});
    const differ: string[] = [];
    for (const [key, english] of flat(ENGLISH[ns])) {
      const theirs = translated.get(key);
      if (theirs === undefined) continue;
      if (JSON.stringify(names(theirs)) !== JSON.stringify(names(english))) differ.push(`${ns}:${key}: ${JSON.stringify(names(english))} vs ${JSON.stringify(names(theirs))}`);
      if (theirs.trim() === '') differ.push(`${ns}:${key} is empty`);
    }
    expect(differ).toEqual([]);
  });
});

describe('the formats', () => {
  const registry = loadFormats();

  test.each(registry.list().map((format) => [format.id, format] as const))('%s is translated into every language, text for text', (_id, format) => {
    const english = textPaths(textsOf(format)).sort();
    for (const language of OTHERS) {
      const translation = format.translations[language];
      expect({ language, paths: translation ? textPaths(translation).sort() : [] }).toEqual({ language, paths: english });
    }
  });

  test('a format file missing one text of a translation, or with a text the English lacks, is refused, naming it', () => {
    const raw = JSON.parse(readFileSync(join(SHIPPED_FORMATS, 'agile-intervision.json'), 'utf8')) as { translations: Record<string, { phases: Record<string, Record<string, unknown>> }> };
    for (const language of OTHERS) {
      const lacking = structuredClone(raw);
      delete lacking.translations[language]?.phases.resonance?.remarkLabel;
      expect(() => registryOfFiles([{ name: 'agile-intervision.json', json: lacking }], 'test')).toThrow(`the translation lacks "phases.resonance.remarkLabel"`);
      const extra = structuredClone(raw);
      const phase = extra.translations[language]?.phases['case-story'];
      if (phase) phase.pickLabel = 'x';
      expect(() => registryOfFiles([{ name: 'agile-intervision.json', json: extra }], 'test')).toThrow(`"phases.case-story.pickLabel" is not a text of the format`);
      const missing = structuredClone(raw);
      delete missing.translations[language];
      expect(() => registryOfFiles([{ name: 'agile-intervision.json', json: missing }], 'test')).toThrow(`translations.${language}`);
    }
  });

  test('a translated text is held to its field\'s limit, as the English one is', () => {
    const raw = JSON.parse(readFileSync(join(SHIPPED_FORMATS, 'progress-focused.json'), 'utf8')) as { translations: Record<string, { phases: Record<string, Record<string, unknown>> }> };
    const long = structuredClone(raw);
    const tips = long.translations.de?.phases.tips;
    if (tips) tips.title = 'T'.repeat(61);
    expect(() => registryOfFiles([{ name: 'progress-focused.json', json: long }], 'test')).toThrow('translations.de.phases.3.title');
  });
});
