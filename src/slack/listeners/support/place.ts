import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { t, type Translator } from '../../../i18n';
import { classifySlackError } from '../../slack-errors';

/**
 * Sessions live in a channel the bot is a member of: it posts the card
 * there and deletes everything at close. This says whether a channel is such
 * a place, and how to make it one.
 */

export type Place = 'ok' | 'dm' | 'outside';

/** For a direct message: sessions need a channel the group shares (in English; `placeText` says it in the person's language). */
export const DM_TEXT = t('en', 'replies:place.dm');

/** For a channel the bot is not in (in English). */
export const INVITE_TEXT = t('en', 'replies:place.invite');

const infoAnswer = z.object({
  channel: z
    .object({ is_member: z.boolean().optional(), is_im: z.boolean().optional(), is_private: z.boolean().optional(), num_members: z.number().optional() })
    .loose(),
});

/** What one conversations.info says about a channel: whether a session can run there, and who can read it. */
export interface ChannelInfo {
  place: Place;
  isPrivate: boolean;
  /** How many members it has, when Slack says. */
  members?: number;
}

/** Where the command was typed, from the bot's point of view, and who can read it. Throws on transient Slack failures. */
export async function channelInfo(client: WebClient, channel: string): Promise<ChannelInfo> {
  if (channel.startsWith('D')) return { place: 'dm', isPrivate: true };
  try {
    const parsed = infoAnswer.safeParse(await client.conversations.info({ channel, include_num_members: true }));
    if (!parsed.success) return { place: 'outside', isPrivate: true };
    const c = parsed.data.channel;
    const place: Place = c.is_im ? 'dm' : c.is_member === true ? 'ok' : 'outside';
    return { place, isPrivate: c.is_private !== false, ...(c.num_members !== undefined ? { members: c.num_members } : {}) };
  } catch (error) {
    // A private channel the bot is not in looks to it like no channel at all.
    if (classifySlackError(error) === 'channel-gone') return { place: 'outside', isPrivate: true };
    throw error;
  }
}

/** Where the command was typed, from the bot's point of view. Throws on transient Slack failures. */
export async function placeOf(client: WebClient, channel: string): Promise<Place> {
  return (await channelInfo(client, channel)).place;
}

/** The sentence for a place that is not ok, in `tr`'s language. */
export function placeText(tr: Translator, place: Exclude<Place, 'ok'>): string {
  return tr(place === 'dm' ? 'replies:place.dm' : 'replies:place.invite');
}

/** Who can read a channel, in a sentence for the creation form's thread option (at most 75 characters). */
export function readersSentence(tr: Translator, info: ChannelInfo): string | undefined {
  if (!info.isPrivate) return tr('form:place.public');
  return info.members !== undefined ? tr('form:place.private', { count: info.members }) : undefined;
}

/**
 * Whether someone who is not a participant can read the channel: anyone for
 * a public channel, other members for a private one. Throws on transient
 * Slack failures.
 */
export async function othersCanRead(client: WebClient, channel: string, info: ChannelInfo, participants: readonly string[], botUserId: string): Promise<boolean> {
  if (!info.isPrivate) return true;
  const inside = new Set([...participants, botUserId]);
  for await (const page of memberPages(client, channel)) {
    if (page === undefined || page.some((member) => !inside.has(member))) return true;
  }
  return false;
}

const membersPage = z.object({ members: z.array(z.string()).optional(), response_metadata: z.object({ next_cursor: z.string().optional() }).optional() });
/** Enough pages for a channel of 50,000 people; past that the list counts as unreadable. */
const MAX_MEMBER_PAGES = 50;

/**
 * A channel's members, page by page (conversations.members). Yields
 * undefined, and stops, when a page cannot be read or there are too many;
 * a channel gone yields nothing. Throws on transient Slack failures.
 */
async function* memberPages(client: WebClient, channel: string): AsyncGenerator<string[] | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
    let answer: unknown;
    try {
      answer = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      if (classifySlackError(error) === 'channel-gone') return;
      throw error;
    }
    const parsed = membersPage.safeParse(answer);
    if (!parsed.success) {
      yield undefined;
      return;
    }
    yield parsed.data.members ?? [];
    cursor = parsed.data.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
  yield undefined;
}

/** Whether `user` is a member of `channel`; a list that cannot be read counts as not. Throws on transient Slack failures. */
export async function isChannelMember(client: WebClient, channel: string, user: string): Promise<boolean> {
  for await (const page of memberPages(client, channel)) {
    if (page === undefined) return false;
    if (page.includes(user)) return true;
  }
  return false;
}
