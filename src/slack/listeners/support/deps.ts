import type { Logger } from 'pino';
import type { Clock } from '../../../clock';
import type { FormatRegistry } from '../../../engine/formats';
import type { Language, SessionLimits } from '../../../engine/session';
import type { PrivateRooms } from '../../../config';
import type { SessionService } from '../../../service/session-service';
import type { GroupService } from '../../../service/groups/group-service';
import { StoredSessionUnreadableError } from '../../../store/crypto-codec';
import { isStoreUnavailable } from '../../../store/errors';
import { t, type Translator } from '../../../i18n';
import { describeError } from '../../slack-errors';
import type { HomeTabs } from '../../outbound/homes';
import type { UserDirectory } from './users';

/** What every session listener works with. */
export interface ListenerDeps {
  services: SessionService;
  /** Intervision groups (`/intervision group`); absent where the bot runs without them. */
  groups?: GroupService;
  /** The formats sessions are run in. */
  formats: FormatRegistry;
  clock: Clock;
  /** The configured limits every new session is created with (closed after idleDays without activity, at maxDays at most). */
  limits: SessionLimits;
  logger: Logger;
  /** users.info with a cache: bots, names, time zones, languages. */
  users: UserDirectory;
  /** The bot's own user id (it cannot be a participant). */
  botUserId: string;
  /** Hours before an asynchronous deadline when the last reminder goes out (from the configuration). */
  reminderLeadHours: number;
  /** Private rooms per session: offered in the creation form, required, or off. */
  privateRooms: PrivateRooms;
  /** The language of someone whose Slack locale the bot does not speak (DEFAULT_LANGUAGE). */
  defaultLanguage: Language;
  /** The people's App Homes: published when someone opens theirs (outbound/homes.ts). */
  homes: Pick<HomeTabs, 'opened'>;
}

/** For a session whose stored content the bot can no longer read (its encryption key is gone), in English. */
export const UNREADABLE_TEXT = t('en', 'replies:unreadable');

/**
 * What to tell a person after an unexpected failure, in `tr`'s language:
 * "try again", "temporarily unavailable" while the store is down, or that the
 * session cannot be read (its encryption key is gone: trying again will not help).
 */
export function failureText(tr: Translator, error: unknown): string {
  if (error instanceof StoredSessionUnreadableError) return tr('replies:unreadable');
  return tr(isStoreUnavailable(error) ? 'replies:unavailable' : 'replies:broken');
}

/** Logs a listener failure with ids and kinds only: never the payload, which may hold what people wrote. */
export function logFailure(logger: Logger, where: Record<string, string | undefined>, error: unknown): void {
  const unavailable = isStoreUnavailable(error);
  const fields = { ...where, error: describeError(error), unavailable };
  if (unavailable) logger.warn(fields, 'a listener could not reach the store');
  else if (error instanceof StoredSessionUnreadableError) logger.error(fields, 'a stored session cannot be read: was it written with another CONTENT_ENCRYPTION_KEY?');
  else logger.error(fields, 'a listener failed');
}
