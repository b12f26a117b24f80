/**
 * users.conversations: the conversations a person (by default the token's
 * own user, here the bot) is a member of, as Slack lists them: `types` picks
 * public_channel (the default), private_channel, mpim and im; private
 * conversations of another user show only where the bot is a member too;
 * `exclude_archived` leaves archived channels out; cursor pagination with a
 * limit of at most 999 (default 100).
 */
import { z } from 'zod';
import { ArgsError, count, fail, flag, parseArgs } from './api-args';
import type { ApiHandler } from './api-context';
import { channelJson } from './api-read';
import type { EmuChannel } from './types';

const TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;
type ConversationType = (typeof TYPES)[number];

const args = z.object({
  user: z.string().optional(),
  types: z.string().optional(),
  exclude_archived: flag.optional(),
  limit: count.optional(),
  cursor: z.string().optional(),
});

function typeOf(c: EmuChannel): ConversationType {
  if (c.is_im) return 'im';
  if (c.is_mpim) return 'mpim';
  return c.is_private ? 'private_channel' : 'public_channel';
}

/** The cursor is the offset of the next item, base64-encoded as Slack's opaque cursors are. */
function offsetOf(cursor: string | undefined): number | undefined {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

const usersConversations: ApiHandler = (ctx, raw) => {
  const a = parseArgs(args, raw);
  if (a instanceof ArgsError) return a.body;
  const types = (a.types ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean);
  if (types.some((t) => !(TYPES as readonly string[]).includes(t))) return fail('invalid_types');
  const limit = a.limit ?? 100;
  if (limit < 1 || limit > 999) return fail('invalid_limit');
  const start = offsetOf(a.cursor);
  if (start === undefined) return fail('invalid_cursor');
  const bot = ctx.ws.bot.userId;
  const user = a.user ?? bot;
  if (!ctx.ws.users.has(user) && user !== bot) return fail('user_not_found');
  const all = [...ctx.ws.channels.values()].filter(
    (c) =>
      types.includes(typeOf(c)) &&
      c.members.includes(user) &&
      // Another person's private conversations are listed only where the bot is a member too.
      (!c.is_private || c.members.includes(bot)) &&
      !(a.exclude_archived && c.is_archived),
  );
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  const next = end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { ok: true, channels: items.map((c) => channelJson(ctx, c)), response_metadata: { next_cursor: next } };
};

/** The users.* listing handlers by method name. */
export const userMethods: Record<string, ApiHandler> = {
  'users.conversations': usersConversations,
};
