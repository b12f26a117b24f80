import { formats } from '../../engine/formats';
import type { Noun, Roles } from '../../engine/formats/schema';
import { capitalized, DEFAULT_ROLES } from '../../engine/formats/words';
import type { Session } from '../../engine/session';

/**
 * The bot's own nouns on Slack's surfaces, in one place, with every form a
 * sentence uses (a format's own words, its roles and inputs, come from the
 * format file). A later translation replaces these forms, never a sentence's
 * grammar.
 */

function noun(singular: string, plural: string, article: 'a' | 'an' = 'a'): Noun {
  return { singular, plural, indefinite: `${article} ${singular}`, definite: `the ${singular}`, definitePlural: `the ${plural}` };
}

export const WORDS = {
  round: noun('round', 'rounds'),
  hour: noun('hour', 'hours', 'an'),
  evaluation: noun('evaluation', 'evaluations', 'an'),
  session: noun('intervision session', 'intervision sessions', 'an'),
  person: noun('person', 'people'),
} as const;

export { capitalized };

/** "1 question", "3 questions". */
export function count(n: number, word: Noun): string {
  return `${n} ${n === 1 ? word.singular : word.plural}`;
}

/** The role a button is for, after its label: "Done (case giver)". */
export function forRole(label: string, role: Noun): string {
  return `${label} (${role.singular})`;
}

/**
 * The role words of a session's shipped format, for the few messages drawn
 * with only the session at hand (the facilitator's notices, "taken off");
 * the generic words for a format that is not shipped.
 */
export function rolesOf(session: Session): Roles {
  return formats.get(session.formatId)?.roles ?? DEFAULT_ROLES;
}
