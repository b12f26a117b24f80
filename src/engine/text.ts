import { reject } from './context';
import type { InputRef, OwnText } from './rejection';
import type { Rejection } from './session';

/** Longest answer the presenter may give to one input. */
export const ANSWER_MAX = 500;
/** Longest "what specifically" in an evaluation. */
export const EVALUATION_MAX = 300;
/** Longest remark with a pick. */
export const REMARK_MAX = 500;
/** Longest clarification an author adds to their input. */
export const CLARIFICATION_MAX = 500;

/** Windows line ends. */
const CRLF = /\r\n/g;
// Unicode's control characters (general category Cc: C0, DEL and C1) but tab and newline; a lone "\r" among them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A text a person wrote without its control characters: C0 (but tab and
 * newline), DEL and C1 are removed, "\r\n" becomes "\n" and a lone "\r"
 * goes. Nobody means them, Slack shows them as nothing or as boxes, and they
 * can hide or garble what is shown around them. Every text read from a
 * modal passes here before it becomes a command (listeners/support/payloads.ts).
 */
export function withoutControlCharacters(raw: string): string {
  return raw.replace(CRLF, '\n').replace(CONTROL_CHARACTERS, '');
}

/**
 * What a refusal of a written text calls it: a kind of text the person writes
 * ("Your answer"), or the words of an input (`context.inputWords`: "The question").
 */
export type TextWhat = { own: OwnText } | InputRef;

/** Trims a written text and checks its length. `what` names it in the sentence a person reads. */
export function cleanText(raw: string, max: number, what: TextWhat): { text: string } | Rejection {
  const text = raw.trim();
  if (text.length === 0) return reject('invalid', 'empty', { what });
  if (text.length > max) return reject('invalid', 'tooLong', { what, length: text.length, max });
  return { text };
}

/** Like cleanText, but an absent or blank text is fine and gives undefined. */
export function optionalText(raw: string | undefined, max: number, what: TextWhat): { text: string | undefined } | Rejection {
  if (raw === undefined || raw.trim().length === 0) return { text: undefined };
  return cleanText(raw, max, what);
}
