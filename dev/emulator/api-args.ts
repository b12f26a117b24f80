/**
 * Parsing Web API arguments at the edge. WebClient sends form fields, so
 * booleans arrive as "true"/"false" and arrays/objects (blocks, view) as JSON
 * strings; JSON bodies carry them natively. Both end up in the same shape here.
 */
import { z } from 'zod';
import type { ApiBody, Json } from './types';

/** A boolean sent as a JSON boolean or as the strings "true"/"false"/"1"/"0". */
export const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/** A number sent as a number or a numeric string. */
export const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** A field that may arrive as a JSON string; unparsable JSON stays a string so the checks can reject it. */
export const jsonField = z.unknown().transform((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
});

/** Marker for a failed parse: the handler answers with this body. */
export class ArgsError {
  constructor(readonly body: ApiBody) {}
}

/** Parses `args` with `schema`, or returns an `invalid_arguments` body naming the bad fields. */
export function parseArgs<T extends z.ZodType>(schema: T, args: Json): z.output<T> | ArgsError {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const messages = result.error.issues.map((i) => `[ERROR] ${i.message} [json-pointer:/${i.path.join('/')}]`);
  return new ArgsError({ ok: false, error: 'invalid_arguments', response_metadata: { messages } });
}

/** Slack's error answer. */
export function fail(error: string, messages?: string[]): ApiBody {
  return messages && messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

/** Form bodies carry blocks/views as JSON strings; parse them once so records and handlers see structures. */
export function parseJsonFields(args: Json): Json {
  const out: Json = { ...args };
  for (const key of ['blocks', 'view', 'metadata', 'attachments']) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    try {
      out[key] = JSON.parse(value) as unknown;
    } catch {
      // Left as a string: the method answers invalid_blocks_format / invalid_arguments.
    }
  }
  return out;
}
