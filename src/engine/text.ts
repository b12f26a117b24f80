import { reject } from './context';
import type { Rejection } from './session';

/** Longest answer the presenter may give to one input. */
export const ANSWER_MAX = 500;
/** Longest "what specifically" in an evaluation. */
export const EVALUATION_MAX = 300;
/** Longest remark with a pick. */
export const REMARK_MAX = 500;
/** Longest clarification an author adds to their input. */
export const CLARIFICATION_MAX = 500;

/**
 * Trims a written text and checks its length. `what` names it in the
 * sentence a person reads ("Your question", "Your answer").
 */
export function cleanText(raw: string, max: number, what: string): { text: string } | Rejection {
  const text = raw.trim();
  if (text.length === 0) return reject('invalid', `${what} is empty. Please write something first.`);
  if (text.length > max) {
    return reject('invalid', `${what} is ${text.length} characters long; the limit is ${max}. Please shorten it.`);
  }
  return { text };
}

/** Like cleanText, but an absent or blank text is fine and gives undefined. */
export function optionalText(raw: string | undefined, max: number, what: string): { text: string | undefined } | Rejection {
  if (raw === undefined || raw.trim().length === 0) return { text: undefined };
  return cleanText(raw, max, what);
}
