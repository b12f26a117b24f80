import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { classifySlackError } from '../../slack-errors';

/**
 * Sessions live in a channel the bot is a member of: it posts the card
 * there and deletes everything at close. This says whether a channel is such
 * a place, and how to make it one.
 */

export type Place = 'ok' | 'dm' | 'outside';

/** For a direct message: sessions need a channel the group shares. */
export const DM_TEXT =
  'Intervision sessions run in a channel your group shares, not in a direct message. Go to that channel, invite me with `/invite @Intervision`, and type `/intervision new` there.';

/** For a channel the bot is not in. */
export const INVITE_TEXT =
  "I'm not a member of this channel yet, so I can't run a session here. Invite me with `/invite @Intervision`, then try again.";

const infoAnswer = z.object({ channel: z.object({ is_member: z.boolean().optional(), is_im: z.boolean().optional() }).loose() });

/** Where the command was typed, from the bot's point of view. Throws on transient Slack failures. */
export async function placeOf(client: WebClient, channel: string): Promise<Place> {
  if (channel.startsWith('D')) return 'dm';
  try {
    const parsed = infoAnswer.safeParse(await client.conversations.info({ channel }));
    if (!parsed.success) return 'outside';
    if (parsed.data.channel.is_im) return 'dm';
    return parsed.data.channel.is_member === true ? 'ok' : 'outside';
  } catch (error) {
    // A private channel the bot is not in looks to it like no channel at all.
    if (classifySlackError(error) === 'channel-gone') return 'outside';
    throw error;
  }
}

/** The sentence for a place that is not ok. */
export function placeText(place: Exclude<Place, 'ok'>): string {
  return place === 'dm' ? DM_TEXT : INVITE_TEXT;
}

const audienceAnswer = z.object({ channel: z.object({ is_private: z.boolean().optional(), num_members: z.number().optional() }).loose() });

/** Who can read a channel, in a sentence for the creation form's thread option (at most 75 characters). */
export async function readersSentence(client: WebClient, channel: string): Promise<string | undefined> {
  const parsed = audienceAnswer.safeParse(await client.conversations.info({ channel, include_num_members: true }));
  if (!parsed.success) return undefined;
  const { is_private: isPrivate, num_members: members } = parsed.data.channel;
  if (!isPrivate) return 'It is public: everyone in the workspace can read it.';
  return members !== undefined ? `All ${members} members of this private channel can read it.` : undefined;
}

/**
 * Whether someone who is not a participant can read the channel: anyone for
 * a public channel, other members for a private one. Throws on transient
 * Slack failures.
 */
export async function othersCanRead(client: WebClient, channel: string, participants: readonly string[], botUserId: string): Promise<boolean> {
  const parsed = audienceAnswer.safeParse(await client.conversations.info({ channel }));
  if (!parsed.success || !parsed.data.channel.is_private) return true;
  const inside = new Set([...participants, botUserId]);
  const members = await channelMembers(client, channel);
  return members === undefined || members.some((member) => !inside.has(member));
}

/** Every member of a channel (conversations.members, page by page); undefined when it cannot be read whole. */
async function channelMembers(client: WebClient, channel: string): Promise<string[] | undefined> {
  const all: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
    const parsed = membersPage.safeParse(await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) }));
    if (!parsed.success) return undefined;
    all.push(...(parsed.data.members ?? []));
    cursor = parsed.data.response_metadata?.next_cursor || undefined;
    if (!cursor) return all;
  }
  return undefined;
}

const membersPage = z.object({ members: z.array(z.string()).optional(), response_metadata: z.object({ next_cursor: z.string().optional() }).optional() });
/** Enough pages for a channel of 50,000 people; past that a person is taken as not found. */
const MAX_MEMBER_PAGES = 50;

/** Whether `user` is a member of `channel` (conversations.members, page by page). Throws on transient Slack failures. */
export async function isChannelMember(client: WebClient, channel: string, user: string): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
    let answer: unknown;
    try {
      answer = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      if (classifySlackError(error) === 'channel-gone') return false;
      throw error;
    }
    const parsed = membersPage.safeParse(answer);
    if (!parsed.success) return false;
    if (parsed.data.members?.includes(user)) return true;
    cursor = parsed.data.response_metadata?.next_cursor || undefined;
    if (!cursor) return false;
  }
  return false;
}
