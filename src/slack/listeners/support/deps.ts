import type { Logger } from 'pino';
import type { Clock } from '../../../clock';
import type { FormatRegistry } from '../../../engine/formats';
import type { SessionLimits } from '../../../engine/session';
import type { PrivateRooms } from '../../../config';
import type { DispatchResult } from '../../../service/dispatch';
import type { SessionService } from '../../../service/session-service';
import type { GroupService } from '../../../service/groups/group-service';
import { StoredSessionUnreadableError } from '../../../store/crypto-codec';
import { isStoreUnavailable } from '../../../store/errors';
import { describeError } from '../../slack-errors';
import { UNAVAILABLE_TEXT } from '../../unavailable';
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
  /** users.info with a cache: bots, names, time zones. */
  users: UserDirectory;
  /** The bot's own user id (it cannot be a participant). */
  botUserId: string;
  /** Hours before an asynchronous deadline when the last reminder goes out (from the configuration). */
  reminderLeadHours: number;
  /** Private rooms per session: offered in the creation form, required, or off. */
  privateRooms: PrivateRooms;
}

/** The sentences people read when something is not as they expect. */
export const TEXT = {
  closed: 'This session has closed.',
  notOurs: "This button doesn't belong to a session I know any more.",
  broken: 'Sorry, something went wrong on my side. Please try again in a moment.',
  alreadyIn: "You're already part of this session.",
  /** A modal whose reference no longer names what it was opened for. */
  formOutOfDate: 'This form is out of date. Please close it and use the buttons in the thread again.',
} as const;

type Refused = Extract<DispatchResult, { ok: false }>;

/** What to tell the person whose command was turned down. */
export function reasonOf(result: Refused): string {
  return result.code === 'missing' ? TEXT.closed : result.reason;
}

/** For a session whose stored content the bot can no longer read (its encryption key is gone): trying again will not help. */
export const UNREADABLE_TEXT =
  "I can no longer read this session's stored content, so it can't go on. It will be closed, and everything posted for it deleted, once it has been idle for a while; you can start a new session with /intervision new.";

/** What to tell a person after an unexpected failure: "try again", "temporarily unavailable" while the store is down, or that the session cannot be read. */
export function failureText(error: unknown): string {
  if (error instanceof StoredSessionUnreadableError) return UNREADABLE_TEXT;
  return isStoreUnavailable(error) ? UNAVAILABLE_TEXT : TEXT.broken;
}

/** Logs a listener failure with ids and kinds only: never the payload, which may hold what people wrote. */
export function logFailure(logger: Logger, where: Record<string, string | undefined>, error: unknown): void {
  const unavailable = isStoreUnavailable(error);
  const fields = { ...where, error: describeError(error), unavailable };
  if (unavailable) logger.warn(fields, 'a listener could not reach the store');
  else if (error instanceof StoredSessionUnreadableError) logger.error(fields, 'a stored session cannot be read: was it written with another CONTENT_ENCRYPTION_KEY?');
  else logger.error(fields, 'a listener failed');
}
