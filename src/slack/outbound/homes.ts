import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { BoundedCache } from '../../bounded-cache';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import { BASE_LANGUAGE, type Language, type Session, type UserId } from '../../engine/session';
import { sessionsOfPerson } from '../../service/lookups';
import type { InFlight } from '../../shutdown';
import type { SessionStore } from '../../store/session-store';
import { type HomeSession, homeView, waitsFor } from '../blocks';
import { WorkspaceGoneError, type WorkspaceAccess } from '../install/workspace-access';
import { describeError } from '../slack-errors';
import { RefreshQueue, type RefreshTiming } from './refresh-queue';

/**
 * The App Home of each person: published when they open it, and again when
 * one of their sessions changes in a way they would see (its card or its
 * step redrawn: phase, turn, membership, close). Fed by the effects path
 * (SlackOutbound and the Purger tell it which session changed), never by a
 * listener, and never on the way to an ack.
 *
 * Slack shows a published home only to someone who opens it, so only the
 * homes of people who opened theirs are refreshed: this process remembers
 * them (bounded, for OPENED_MS), and a person whose home was opened on
 * another instance is refreshed there, or here on their next opening. A
 * burst of changes is one publish per person (RefreshQueue: a short delay,
 * then at least a gap between two), and every publish waits for the
 * workspace's views.publish budget (Tier 4), so a session of many people
 * never takes the bot past Slack's limit.
 */

export const DEFAULT_HOME_TIMING: RefreshTiming = { delayMs: 1_000, minGapMs: 10_000 };

/** How long an opened home is refreshed after it was last opened: Slack keeps it, people come back to it. */
const OPENED_MS = 7 * 24 * 60 * 60 * 1000;
/** The most people whose homes one process refreshes (the least recently opened go first). */
const MAX_OPENED = 50_000;
/** The most sessions read for one home; the home says how many more there are. */
const SESSIONS_READ = 60;
/** Permalinks of session cards remembered (a card never moves, so its link never changes). */
const MAX_LINKS = 20_000;
const LINK_MS = 24 * 60 * 60 * 1000;

export interface HomeTabsDeps {
  store: SessionStore;
  access: WorkspaceAccess;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
  /** Publishes in flight, so a graceful stop (and a test) can wait for them. */
  inFlight?: InFlight;
  timing?: Partial<RefreshTiming>;
}

/** A person in a workspace ("-" for the one workspace), as the queue's key: ids hold no ':'. */
function keyOf(team: string | undefined, user: UserId): string {
  return `${team ?? '-'}:${user}`;
}

function parseKey(key: string): { team: string | undefined; user: UserId } {
  const at = key.indexOf(':');
  const team = key.slice(0, at);
  return { team: team === '-' ? undefined : team, user: key.slice(at + 1) };
}

export class HomeTabs {
  /** The homes opened on this process, by person, with the language each is drawn in (the person's own). */
  private readonly openers = new BoundedCache<string, Language>(MAX_OPENED, OPENED_MS);
  private readonly links = new BoundedCache<string, Promise<string | undefined>>(MAX_LINKS, LINK_MS);
  private readonly queue: RefreshQueue;

  constructor(private readonly deps: HomeTabsDeps) {
    this.queue = new RefreshQueue((key) => this.publish(key, 'low'), { ...DEFAULT_HOME_TIMING, ...deps.timing });
  }

  /**
   * The person opened their home (in `team`): published now in `language`
   * (theirs), and refreshed from now on when their sessions change.
   */
  async opened(team: string | undefined, user: UserId, language: Language = BASE_LANGUAGE): Promise<void> {
    const key = keyOf(team, user);
    this.openers.set(key, language);
    this.queue.ranNow(key);
    await this.publish(key, 'high');
  }

  /**
   * A session changed in a way its people see: the homes of `users` (its
   * people, and anyone it just let go) that were opened are refreshed soon.
   */
  changed(session: Pick<Session, 'team'>, users: Iterable<UserId>): void {
    for (const user of new Set(users)) {
      const key = keyOf(session.team, user);
      if (this.openers.get(key)) this.queue.touch(key);
    }
  }

  /** No more refreshes (a publish under way finishes). */
  stop(): void {
    this.queue.stop();
  }

  /** Draws the person's home from the store and publishes it; a failure is logged, never thrown. */
  private async publish(key: string, priority: 'high' | 'low'): Promise<void> {
    const work = this.draw(key, priority).catch((error: unknown) => {
      if (error instanceof WorkspaceGoneError) return;
      this.deps.logger.warn({ error: describeError(error) }, 'an App Home could not be published; it is drawn again on the next change or opening');
    });
    await (this.deps.inFlight ? this.deps.inFlight.track(work) : work);
  }

  private async draw(key: string, priority: 'high' | 'low'): Promise<void> {
    const { team, user } = parseKey(key);
    const { store, access, registry, clock } = this.deps;
    const client = await access.client(team);
    // The turn first, then the drawing: a home that waited for its turn shows the sessions as they are when it goes out.
    await access.publishes(team).take(priority);
    const { sessions, unread } = await sessionsOfPerson(store, user, team, SESSIONS_READ);
    const entries = await Promise.all(sessions.map((session) => this.entry(client, session)));
    const shown = entries.filter((entry): entry is HomeSession => entry !== undefined);
    // Those waiting for the person first, then the newest.
    shown.sort((a, b) => Number(waitsFor(b, user)) - Number(waitsFor(a, user)) || b.session.createdAt - a.session.createdAt);
    const lang = this.openers.get(key) ?? BASE_LANGUAGE;
    const view = homeView({ viewer: user, lang, sessions: shown, unread, formats: registry.list(), now: clock.now() });
    await client.views.publish({ user_id: user, view });
  }

  /** A session as its home line needs it: its format, and its thread's link when the card is known. */
  private async entry(client: WebClient, session: Session): Promise<HomeSession | undefined> {
    const format = this.deps.registry.get(session.formatId);
    if (!format) return undefined;
    const card = (await this.deps.store.messages(session.id)).card;
    const link = card ? await this.permalink(client, session.team, card) : undefined;
    return { session, format, ...(link ? { link } : {}) };
  }

  /** The card's permalink, asked of Slack once per card (not remembered when Slack gave none). */
  private permalink(client: WebClient, team: string | undefined, card: { channel: string; ts: string }): Promise<string | undefined> {
    const key = `${team ?? '-'}|${card.channel}|${card.ts}`;
    const known = this.links.get(key);
    if (known) return known;
    const asked = client.chat.getPermalink({ channel: card.channel, message_ts: card.ts }).then(
      (answer) => answer.permalink,
      () => undefined,
    );
    this.links.set(key, asked);
    void asked.then((link) => {
      if (!link) this.links.delete(key);
    });
    return asked;
  }
}
