import type { Format, Noun } from '../engine/formats/schema';
import { DEFAULT_ROLES } from '../engine/formats/words';
import type { RefusalParam, Rejection } from '../engine/rejection';
import { localFormat } from '../i18n/formats';
import { capitalized, translator, type Lang, type Params, type Translator } from '../i18n';
import { mention } from './escape';
import { named, peopleList, word } from './blocks/words';

/**
 * The engine's refusals in words: the sentence its key names in the
 * refusals catalog, in the session's language, with its params made words
 * (a person's mention, the format's role and input words in that language).
 * Refusals carry mentions and the bot's and the format's words, never what
 * people wrote.
 */

/** A noun and, when the refusal names who holds the role, "the facilitator (<@U1>)" as `named`. */
type NounParam = Noun & { named?: string };

/** The words of a rounds phase's input (the chosen option's, where the phase takes them from a choice). */
function inputNoun(tr: Translator, format: Format, ref: { input: string; option?: string }): Noun {
  const phase = format.phases.find((p) => p.id === ref.input);
  if (phase?.kind !== 'rounds') return word(tr, 'option');
  if (ref.option === undefined || phase.inputFrom === undefined) return phase.input.noun;
  const choice = format.phases.find((p) => p.id === phase.inputFrom);
  const chosen = choice?.kind === 'choice' ? choice.options?.find((option) => option.id === ref.option) : undefined;
  return chosen?.input?.noun ?? phase.input.noun;
}

/** One param of a refusal in words. */
function paramWords(tr: Translator, format: Format, name: string, value: RefusalParam): unknown {
  if (typeof value === 'number') return value;
  if ('user' in value && !('role' in value)) return mention(value.user);
  if ('users' in value) return peopleList(tr, value.users);
  if ('role' in value) {
    const noun: NounParam = { ...format.roles[value.role] };
    if (value.user !== undefined) noun.named = named(tr, noun, value.user);
    return noun;
  }
  if ('own' in value) return tr(`refusals:what.${value.own}`);
  if ('textLabel' in value) {
    const phase = format.phases.find((p) => p.id === value.textLabel);
    return phase?.kind === 'statement' ? phase.textLabel : '';
  }
  if ('pick' in value) {
    const phase = format.phases.find((p) => p.id === value.pick);
    return (phase?.kind === 'choice' ? phase.noun : undefined) ?? word(tr, 'option');
  }
  const noun = inputNoun(tr, format, value);
  // The subject of "… is empty": "The question", as the own texts are "Your answer".
  return name === 'what' ? capitalized(noun.definite) : noun;
}

/** The params of a refusal in words. */
function paramsIn(tr: Translator, format: Format, refusal: Pick<Rejection, 'params'>): Params {
  const words: Params = {};
  for (const [name, value] of Object.entries(refusal.params ?? {})) words[name] = paramWords(tr, format, name, value);
  return words;
}

/** The format a refusal's words come from: its session's, or one with only the generic role words when it is not known. */
const UNKNOWN_FORMAT = { roles: DEFAULT_ROLES, phases: [] } as unknown as Format;

/** The sentence a person reads for the engine's refusal, in `lang`, in the words of `format` (the English registry's; translated here). */
export function refusalText(lang: Lang, format: Format | undefined, refusal: Pick<Rejection, 'key' | 'params'>): string {
  const tr = translator(lang);
  const words = format ? localFormat(format, lang) : UNKNOWN_FORMAT;
  return tr(`refusals:${refusal.key}`, paramsIn(tr, words, refusal));
}

/** What a person is told when a command could not reach its session at all: it is gone, too busy, or another workspace's. */
export function unreachedText(lang: Lang, code: 'missing' | 'busy' | 'other-workspace'): string {
  return translator(lang)(code === 'missing' ? 'refusals:service.missing' : code === 'busy' ? 'refusals:service.busy' : 'refusals:service.otherWorkspace');
}
