import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Format, MIN_MEMBERS } from './schema';

/**
 * The format registry: every *.json file in a folder is one format. The only
 * module of the engine that touches the file system, and only at load time.
 */

export interface FormatRegistry {
  /** The format with this id, or undefined. */
  get(id: string): Format | undefined;
  /** The format with this id; throws when it is unknown (a session names a format that is gone). */
  require(id: string): Format;
  /** All formats, in menu order (`order`, then id). */
  list(): Format[];
}

/** Fewest members who must have agreed before the format's session starts. */
export function minMembersOf(format: Format): number {
  return format.minMembers ?? MIN_MEMBERS;
}

/** Builds a registry from formats already parsed (tests, or a caller with its own source). */
export function registryOf(list: readonly Format[]): FormatRegistry {
  const byId = new Map<string, Format>();
  for (const format of list) {
    if (byId.has(format.id)) throw new Error(`Two formats share the id "${format.id}".`);
    byId.set(format.id, format);
  }
  const sorted = [...byId.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return {
    get: (id) => byId.get(id),
    require(id) {
      const format = byId.get(id);
      if (!format) throw new Error(`Unknown format "${id}". Known formats: ${[...byId.keys()].join(', ')}.`);
      return format;
    },
    list: () => [...sorted],
  };
}

/** Parses one format file's text; returns the format or the list of problems. */
function parseFormatFile(file: string, text: string): Format | string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return [`not valid JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  const parsed = Format.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  // The file name is the id, so a reader finds a format by its id.
  const expected = basename(file, '.json');
  if (parsed.data.id !== expected) return [`id "${parsed.data.id}" must match the file name "${expected}"`];
  return parsed.data;
}

/**
 * Reads and validates every *.json file in `dir` (default: this folder, which
 * the build copies next to the compiled code). Throws one error naming every
 * bad file and its problems.
 */
export function loadFormats(dir: string = __dirname): FormatRegistry {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`No format files (*.json) found in ${dir}.`);
  const loaded: Format[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const result = parseFormatFile(file, readFileSync(join(dir, file), 'utf8'));
    if (Array.isArray(result)) problems.push(`${file}:\n  - ${result.join('\n  - ')}`);
    else loaded.push(result);
  }
  if (problems.length > 0) throw new Error(`Invalid format files in ${dir}:\n${problems.join('\n')}`);
  return registryOf(loaded);
}

let defaultRegistry: FormatRegistry | undefined;

function shipped(): FormatRegistry {
  defaultRegistry ??= loadFormats();
  return defaultRegistry;
}

/** The formats shipped with the bot, loaded on first use. */
export const formats: FormatRegistry = {
  get: (id) => shipped().get(id),
  require: (id) => shipped().require(id),
  list: () => shipped().list(),
};
