import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryOfFiles, type FormatRegistry } from '../../src/engine/formats';
import { FormatBase } from '../../src/engine/formats/schema';
import { textsOf } from '../../src/engine/formats/translations';

/** The folder the shipped format files live in. */
export const SHIPPED_FORMATS = join(__dirname, '../../src/engine/formats');

/** A registry of every *.json file in `dir`, checked as the bot checks its own formats. */
export function loadFormats(dir: string = SHIPPED_FORMATS): FormatRegistry {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return registryOfFiles(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })), dir);
}

/**
 * A format built in a test, with its English texts standing in for every
 * translation (a format must be translated into every language the bot
 * speaks; a test about something else need not translate it).
 */
export function withTranslations<T extends object>(raw: T): T & { translations: Record<'de' | 'nl', unknown> } {
  const texts = textsOf(FormatBase.parse(raw));
  return { ...raw, translations: { de: texts, nl: texts } };
}
