import { formats } from '../../engine/formats';
import type { Noun, Roles } from '../../engine/formats/schema';
import { DEFAULT_ROLES } from '../../engine/formats/words';
import type { Session } from '../../engine/session';
import { localFormat } from '../../i18n/formats';
import { capitalized, langOf, translator, type Translator } from '../../i18n';
import { escapeText, mention } from '../escape';

/**
 * The words every renderer shares: the session's translator, counted nouns,
 * a role named with who holds it, and the bot's own nouns (a format's own
 * words, its roles and inputs, come from the format file in the session's
 * language). Sentences are the catalogs'; nothing here joins words into one.
 */

export { capitalized, type Translator };

/** The translator of the session's language. */
export function trOf(session: Session): Translator {
  return translator(langOf(session));
}

/** The bot's own nouns, each with every form a sentence uses. */
export type BotNoun = 'round' | 'hour' | 'evaluation' | 'session' | 'person' | 'option';

/** One of the bot's own nouns in the translator's language. */
export function word(tr: Translator, noun: BotNoun): Noun {
  return {
    singular: tr(`common:words.${noun}.singular`),
    plural: tr(`common:words.${noun}.plural`),
    indefinite: tr(`common:words.${noun}.indefinite`),
    definite: tr(`common:words.${noun}.definite`),
    definitePlural: tr(`common:words.${noun}.definitePlural`),
  };
}

/** "1 question", "3 questions": the noun after the number, by the language's plural rules. */
export function count(tr: Translator, n: number, noun: Noun): string {
  return tr('common:counted', { count: n, noun });
}

/** The role a button is for, after its label: "Done (case giver)". */
export function forRole(tr: Translator, label: string, role: Noun): string {
  return tr('common:forRole', { label, role });
}

/** A role and who holds it: "the case giver (<@U2>)" (`role` escaped by the caller where it is mrkdwn). */
export function named(tr: Translator, role: Noun, user: string): string {
  return tr('common:named', { role, user: mention(user) });
}

/** A noun with every form escaped, for mrkdwn. */
export function escapedNoun(noun: Noun): Noun {
  return {
    singular: escapeText(noun.singular),
    plural: escapeText(noun.plural),
    indefinite: escapeText(noun.indefinite),
    definite: escapeText(noun.definite),
    definitePlural: escapeText(noun.definitePlural),
  };
}

/** People named one after another: "<@U1>", "<@U1> and <@U2>", "<@U1>, <@U2>, <@U3>"; `none` when there is nobody. */
export function peopleList(tr: Translator, users: readonly string[], none = tr('common:nobody')): string {
  const shown = users.map(mention);
  if (shown.length === 0) return none;
  if (shown.length === 2) return tr('common:listTwo', { first: shown[0], second: shown[1] });
  return shown.join(', ');
}

/**
 * The role words of a session's shipped format in its language, for the few
 * messages drawn with only the session at hand (the facilitator's notices,
 * "taken off"); the generic words for a format that is not shipped.
 */
export function rolesOf(session: Session): Roles {
  const format = formats.get(session.formatId);
  return format ? localFormat(format, langOf(session)).roles : DEFAULT_ROLES;
}
