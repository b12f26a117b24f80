import type { Format } from '../../../engine/formats/schema';
import type { Language, Session } from '../../../engine/session';
import type { DispatchResult } from '../../../service/dispatch';
import { localFormat } from '../../../i18n/formats';
import { langOf, languageOfLocale, translator, type Translator } from '../../../i18n';
import { refusalText, unreachedText } from '../../refusals';
import type { ListenerDeps } from './deps';

/**
 * Which language a listener answers in: the session's, for everything about
 * a session; the person's own (their Slack locale, from users.info), for what
 * they get outside any session (help, the App Home, the creation form,
 * refusals before a session is known); DEFAULT_LANGUAGE when Slack does not
 * say, or says a language the bot does not speak.
 */

/** The person's language: their Slack locale's, else the configured default. Never throws: a failed look-up gives the default. */
export async function personLanguage(deps: Pick<ListenerDeps, 'users' | 'defaultLanguage'>, user: string): Promise<Language> {
  try {
    const info = await deps.users.info(user);
    return languageOfLocale(info?.locale, deps.defaultLanguage);
  } catch {
    return deps.defaultLanguage;
  }
}

/**
 * The person's language when it is known within `ms`, else the configured
 * default: for what must go out within Slack's 3 s (a form opened with a
 * trigger_id), where the look-up may be slow or paced.
 */
export async function personLanguageWithin(deps: Pick<ListenerDeps, 'users' | 'defaultLanguage'>, user: string, ms = 1000): Promise<Language> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Language>((resolve) => {
    timer = setTimeout(() => resolve(deps.defaultLanguage), ms);
  });
  try {
    return await Promise.race([personLanguage(deps, user), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The translator of the person's language. */
export async function personTr(deps: Pick<ListenerDeps, 'users' | 'defaultLanguage'>, user: string): Promise<Translator> {
  return translator(await personLanguage(deps, user));
}

/** The session's format in the session's language; undefined for a format that is not (or no longer) known. */
export function sessionFormat(deps: Pick<ListenerDeps, 'formats'>, session: Session): Format | undefined {
  const format = deps.formats.get(session.formatId);
  return format && localFormat(format, langOf(session));
}

type Refused = Extract<DispatchResult, { ok: false }>;

/**
 * What to tell the person whose command was turned down: the engine's
 * refusal in the session's language; that the session is gone, busy or
 * another workspace's in the person's own.
 */
export async function refusalFor(deps: Pick<ListenerDeps, 'users' | 'defaultLanguage' | 'formats'>, user: string, result: Refused): Promise<string> {
  if (!('language' in result)) return unreachedText(await personLanguage(deps, user), result.code);
  return refusalText(result.language, deps.formats.get(result.formatId), result);
}
