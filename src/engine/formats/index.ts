import agileIntervision from './agile-intervision.json';
import collegialConsultation from './collegial-consultation.json';
import progressFocused from './progress-focused.json';
import { Format, MIN_MEMBERS } from './schema';

/**
 * The format registry: each format is one JSON file in this folder, named by
 * its id and checked against the schema when the registry is first used. The
 * files come in as modules, so the engine itself reads no file.
 */

/** The shipped format files, by file name. A new format is a new file here and one line below. */
const SHIPPED: Readonly<Record<string, unknown>> = {
  'agile-intervision.json': agileIntervision,
  'collegial-consultation.json': collegialConsultation,
  'progress-focused.json': progressFocused,
};

/** A format file: its name (`<id>.json`) and its content, as text or already parsed. */
export interface FormatFile {
  name: string;
  text?: string;
  json?: unknown;
}

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

/** The file's JSON value, or the problem reading it. */
function jsonOf(file: FormatFile): { raw: unknown } | string {
  if (file.text === undefined) return { raw: file.json };
  try {
    return { raw: JSON.parse(file.text) };
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Parses one format file; returns the format or the list of problems. */
function parseFormatFile(file: FormatFile): Format | string[] {
  const json = jsonOf(file);
  if (typeof json === 'string') return [json];
  const raw = json.raw;
  const parsed = Format.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  // The file name is the id, so a reader finds a format by its id.
  const expected = file.name.replace(/\.json$/, '');
  if (parsed.data.id !== expected) return [`id "${parsed.data.id}" must match the file name "${expected}"`];
  return parsed.data;
}

/**
 * Validates format files (`where` names where they came from, for the error)
 * and builds their registry. Throws one error naming every bad file and its problems.
 */
export function registryOfFiles(files: readonly FormatFile[], where: string): FormatRegistry {
  if (files.length === 0) throw new Error(`No format files (*.json) found in ${where}.`);
  const loaded: Format[] = [];
  const problems: string[] = [];
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const result = parseFormatFile(file);
    if (Array.isArray(result)) problems.push(`${file.name}:\n  - ${result.join('\n  - ')}`);
    else loaded.push(result);
  }
  if (problems.length > 0) throw new Error(`Invalid format files in ${where}:\n${problems.join('\n')}`);
  return registryOf(loaded);
}

/** The shipped format files. */
function shippedFormatFiles(): FormatFile[] {
  return Object.entries(SHIPPED).map(([name, json]) => ({ name, json }));
}

let defaultRegistry: FormatRegistry | undefined;

function shipped(): FormatRegistry {
  defaultRegistry ??= registryOfFiles(shippedFormatFiles(), 'src/engine/formats');
  return defaultRegistry;
}

/** The formats shipped with the bot, loaded on first use. */
export const formats: FormatRegistry = {
  get: (id) => shipped().get(id),
  require: (id) => shipped().require(id),
  list: () => shipped().list(),
};
