/**
 * Managing channels with a bot token: conversations.create (the bot creates
 * a channel and is its only member), conversations.invite, conversations.kick
 * and conversations.archive, with the refusals Slack documents for each.
 * A bot token cannot delete a channel: archiving is as far as it goes.
 */
import { z } from 'zod';
import { ArgsError, fail, flag, parseArgs } from './api-args';
import { type ApiContext, type ApiHandler, isFailure } from './api-context';
import { channelJson } from './api-read';
import { channelNameError } from './channel-names';
import type { ApiBody, EmuChannel, Json } from './types';

/** conversations.invite takes at most this many users in one call. */
export const INVITE_MAX_USERS = 1000;

/**
 * A channel the bot addresses by id for these methods: an unknown channel, or
 * a private one the bot is not in, does not exist for it; DMs and group DMs
 * are not channels here.
 */
function managedChannel(ctx: ApiContext, key: string): EmuChannel | ApiBody {
  const channel = ctx.ws.channel(key);
  if (!channel || (channel.is_private && !channel.members.includes(ctx.ws.bot.userId))) return fail('channel_not_found');
  if (channel.is_im || channel.is_mpim) return fail('method_not_supported_for_channel_type');
  return channel;
}

/** A channel whose membership the bot may change: not archived, and the bot is in it. */
function openChannel(ctx: ApiContext, key: string): EmuChannel | ApiBody {
  const channel = managedChannel(ctx, key);
  if (isFailure(channel)) return channel;
  if (channel.is_archived) return fail('is_archived');
  if (!channel.members.includes(ctx.ws.bot.userId)) return fail('not_in_channel');
  return channel;
}

const createArgs = z.object({ name: z.unknown().optional(), is_private: flag.optional(), team_id: z.string().optional() });

const create: ApiHandler = (ctx, args) => {
  const a = parseArgs(createArgs, args);
  if (a instanceof ArgsError) return a.body;
  if (ctx.policy.forbids('conversations.create')) return fail('restricted_action');
  const invalid = channelNameError(a.name);
  if (invalid !== undefined || typeof a.name !== 'string') return fail(invalid ?? 'invalid_name');
  const name = a.name;
  // Names are unique across the workspace: archived channels and private ones the bot cannot see keep theirs.
  if ([...ctx.ws.channels.values()].some((c) => !c.is_im && !c.is_mpim && c.name === name)) return fail('name_taken');
  let id = ctx.ws.ids.next('C');
  while (ctx.ws.channels.has(id)) id = ctx.ws.ids.next('C');
  const bot = ctx.ws.bot.userId;
  const channel = ctx.ws.addChannel({ id, name, is_private: a.is_private ?? false, members: [bot], creator: bot });
  return { ok: true, channel: channelJson(ctx, channel) };
};

/** One user's refusal; `removed` marks a deactivated account, which does not stop the others. */
interface Refusal {
  user: string;
  error: string;
  removed: boolean;
}

function refusal(ctx: ApiContext, channel: EmuChannel, userId: string): Refusal | undefined {
  const user = ctx.ws.users.get(userId);
  const refuse = (error: string, removed = false): Refusal => ({ user: userId, error, removed });
  if (!user) return refuse('user_not_found');
  if (userId === ctx.ws.bot.userId) return refuse('cant_invite_self');
  // Slack does not document the code for an account in the "removed" state; cant_invite is its generic refusal.
  if (user.deleted) return refuse('cant_invite', true);
  if (channel.members.includes(userId)) return refuse('already_in_channel');
  return undefined;
}

/** The users argument: a comma-separated string (as WebClient sends it) or a JSON array. */
function userIds(users: string | string[] | undefined): string[] {
  const list = Array.isArray(users) ? users : (users ?? '').split(',');
  return [...new Set(list.map((u) => u.trim()).filter(Boolean))];
}

const inviteArgs = z.object({ channel: z.string(), users: z.union([z.string(), z.array(z.string())]).optional(), force: flag.optional() });

/**
 * Slack's rule for several users: one refusal stops every invite and the
 * answer lists each refusal in `errors`; accounts in the "removed"
 * (deactivated) state are refused without stopping the others, and `force`
 * invites the valid ones whatever the rest. Whenever anyone was refused the
 * answer is an error, even if others got in.
 */
const invite: ApiHandler = (ctx, args) => {
  const a = parseArgs(inviteArgs, args);
  if (a instanceof ArgsError) return a.body;
  const channel = openChannel(ctx, a.channel);
  if (isFailure(channel)) return channel;
  const ids = userIds(a.users);
  if (ids.length === 0) return fail('no_user');
  if (ids.length > INVITE_MAX_USERS) return fail('too_many_users');
  const refusals = ids.map((id) => refusal(ctx, channel, id)).filter((r): r is Refusal => r !== undefined);
  const blocked = refusals.some((r) => !r.removed) && !(a.force ?? false);
  if (!blocked) for (const id of ids.filter((i) => !refusals.some((r) => r.user === i))) ctx.ws.join(channel.id, id);
  const [first] = refusals;
  if (!first) return { ok: true, channel: channelJson(ctx, channel) };
  const errors: Json[] = refusals.map((r) => ({ user: r.user, ok: false, error: r.error }));
  return { ...fail(first.error), errors };
};

const kick: ApiHandler = (ctx, args) => {
  const a = parseArgs(z.object({ channel: z.string(), user: z.string().optional() }), args);
  if (a instanceof ArgsError) return a.body;
  if (ctx.policy.forbids('conversations.kick')) return fail('restricted_action');
  const channel = openChannel(ctx, a.channel);
  if (isFailure(channel)) return channel;
  if (a.user === undefined || !ctx.ws.users.has(a.user)) return fail('user_not_found');
  if (a.user === ctx.ws.bot.userId) return fail('cant_kick_self');
  if (channel.is_general) return fail('cant_kick_from_general');
  if (!channel.members.includes(a.user)) return fail('not_in_channel');
  ctx.ws.leave(channel.id, a.user);
  return { ok: true, errors: {} };
};

const archive: ApiHandler = (ctx, args) => {
  const a = parseArgs(z.object({ channel: z.string() }), args);
  if (a instanceof ArgsError) return a.body;
  if (ctx.policy.forbids('conversations.archive')) return fail('restricted_action');
  const channel = managedChannel(ctx, a.channel);
  if (isFailure(channel)) return channel;
  if (channel.is_archived) return fail('already_archived');
  if (channel.is_general) return fail('cant_archive_general');
  if (!channel.members.includes(ctx.ws.bot.userId)) return fail('not_in_channel');
  ctx.ws.setArchived(channel.id, true);
  return { ok: true };
};

/** The channel-managing handlers by method name. */
export const conversationMethods: Record<string, ApiHandler> = {
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.kick': kick,
  'conversations.archive': archive,
};
