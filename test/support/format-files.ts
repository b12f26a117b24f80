import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryOfFiles, type FormatRegistry } from '../../src/engine/formats';

/** The folder the shipped format files live in. */
export const SHIPPED_FORMATS = join(__dirname, '../../src/engine/formats');

/** A registry of every *.json file in `dir`, checked as the bot checks its own formats. */
export function loadFormats(dir: string = SHIPPED_FORMATS): FormatRegistry {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return registryOfFiles(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })), dir);
}
