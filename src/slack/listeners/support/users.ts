import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { BoundedCache } from '../../../bounded-cache';
import { CallBudget } from '../../budget';
import { classifySlackError } from '../../slack-errors';
import type { Translator } from '../../../i18n';

/** What the listeners need to know about a person. */
export interface PersonInfo {
  id: string;
  /** How to name them in plain text (a modal error cannot mention). */
  name: string;
  /** A bot or app user: they cannot take part. */
  isBot: boolean;
  /** A deactivated account: they cannot take part either. */
  deleted: boolean;
  /** IANA time zone, when Slack knows it. */
  tz: string | undefined;
  /** Their Slack language ("de-DE"), when Slack says: what the bot speaks to them outside a session. */
  locale: string | undefined;
}

/** Why someone cannot take part (not found, a bot - the bot itself included - or deactivated), in `tr`'s language; undefined for a person who can. */
export function whyNotAPerson(tr: Translator, info: PersonInfo | null | undefined): string | undefined {
  if (!info) return tr('form:errors.notFound');
  if (info.isBot) return tr('form:errors.bot', { name: info.name });
  if (info.deleted) return tr('form:errors.deactivated', { name: info.name });
  return undefined;
}

const userAnswer = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      real_name: z.string().optional(),
      is_bot: z.boolean().optional(),
      deleted: z.boolean().optional(),
      tz: z.string().optional(),
      locale: z.string().optional(),
      profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).loose().optional(),
    })
    .loose(),
});

/** How long an answer of users.info is reused: names, time zones and languages rarely change within minutes. */
const DEFAULT_TTL_MS = 5 * 60 * 1000;
/** Most people remembered at once (a few hundred bytes each). */
const MAX_PEOPLE = 5_000;

/**
 * users.info with a small per-process cache (bounded in size and age), so validating a modal with
 * twelve people stays well inside Slack's 3 seconds and its rate limits.
 */
export class UserDirectory {
  private readonly cache: BoundedCache<string, PersonInfo | null>;

  constructor(
    private readonly client: WebClient,
    private readonly botUserId: string,
    ttlMs = DEFAULT_TTL_MS,
    now: () => number = Date.now,
    maxPeople = MAX_PEOPLE,
    /** users.info is Tier 4 (about 100 a minute): when given, a look-up waits for its turn rather than meet a 429. */
    private readonly budget?: CallBudget,
  ) {
    this.cache = new BoundedCache(maxPeople, ttlMs, now);
  }

  /** The person, or null when Slack does not know them. Throws on transient Slack failures. */
  async info(userId: string): Promise<PersonInfo | null> {
    const cached = this.cache.get(userId);
    if (cached !== undefined) return cached;
    let info: PersonInfo | null;
    try {
      await this.budget?.take('high');
      const parsed = userAnswer.safeParse(await this.client.users.info({ user: userId, include_locale: true }));
      info = parsed.success ? toInfo(parsed.data.user, this.botUserId) : null;
    } catch (error) {
      if (classifySlackError(error) === 'transient') throw error;
      info = null;
    }
    this.cache.set(userId, info);
    return info;
  }

  /** Forgets what was looked up about a person (their profile or language changed), so the next look-up asks Slack. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /** Several people at once (in parallel), by id. */
  async many(userIds: readonly string[]): Promise<Map<string, PersonInfo | null>> {
    const unique = [...new Set(userIds)];
    const answers = await Promise.all(unique.map(async (u) => [u, await this.info(u)] as const));
    return new Map(answers);
  }
}

function toInfo(user: z.infer<typeof userAnswer>['user'], botUserId: string): PersonInfo {
  const name = user.profile?.display_name || user.real_name || user.profile?.real_name || user.name || user.id;
  return {
    id: user.id,
    name,
    isBot: user.is_bot === true || user.id === botUserId || user.id === 'USLACKBOT',
    deleted: user.deleted === true,
    tz: user.tz,
    locale: user.locale,
  };
}

/** users.info is Slack's Tier 4 (about 100 a minute), counted per workspace. */
const USERS_INFO_PER_MINUTE = 100;

/** A workspace's directory, paced within users.info's tier when `paced` (SLACK_UPDATES_PER_MINUTE > 0). */
export function workspaceDirectory(client: WebClient, botUserId: string, paced: boolean): UserDirectory {
  const budget = paced ? new CallBudget(USERS_INFO_PER_MINUTE, USERS_INFO_PER_MINUTE / 5) : undefined;
  return new UserDirectory(client, botUserId, undefined, undefined, undefined, budget);
}
