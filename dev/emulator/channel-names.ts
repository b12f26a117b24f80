/**
 * Slack's rules for a new channel's name (conversations.create validates
 * them and never rewrites a name): lowercase letters, digits, hyphens and
 * underscores, at most 80 characters. Letters without case (e.g. Japanese)
 * are lowercase as far as Slack is concerned.
 */

export const CHANNEL_NAME_MAX = 80;

const ONLY_PUNCTUATION = /^[\p{P}\p{S}]+$/u;
const ALLOWED = /^[\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}_-]+$/u;

/** The Slack error for a proposed channel name, or undefined when the name is acceptable. */
export function channelNameError(name: unknown): string | undefined {
  if (name === undefined || name === null || name === '') return 'invalid_name_required';
  if (typeof name !== 'string') return 'invalid_name';
  if (name.trim() === '') return 'invalid_name_required';
  if ([...name].length > CHANNEL_NAME_MAX) return 'invalid_name_maxlength';
  if (ONLY_PUNCTUATION.test(name)) return 'invalid_name_punctuation';
  if (!ALLOWED.test(name)) return 'invalid_name_specials';
  return undefined;
}
