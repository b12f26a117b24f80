/**
 * Reading methods and small helpers: auth.test, conversations.* (open, info,
 * members, replies, history) and users.info; apps.connections.open (Socket Mode's URL).
 */
import { z } from 'zod';
import { ArgsError, count, fail, flag, parseArgs } from './api-args';
import { type ApiContext, type ApiHandler, findConversation, isFailure } from './api-context';
import { messageJson } from './api-chat';
import type { ApiBody, EmuChannel, EmuMessage, EmuUser, Json } from './types';

/** A channel as conversations.info returns it, seen by the bot. */
export function channelJson(ctx: ApiContext, c: EmuChannel): Json {
  const json: Json = {
    id: c.id,
    name: c.is_im ? undefined : c.name,
    is_channel: !c.is_im && !c.is_mpim,
    is_group: c.is_private && !c.is_im && !c.is_mpim,
    is_im: c.is_im,
    is_mpim: c.is_mpim,
    is_private: c.is_private,
    is_archived: c.is_archived,
    is_general: c.is_general,
    is_member: c.members.includes(ctx.ws.bot.userId),
    created: c.created,
    creator: c.creator,
    num_members: c.members.length,
  };
  if (c.user) json.user = c.user;
  return json;
}

/** The UTC offset in seconds of an IANA zone at a moment (what Slack reports as tz_offset). */
export function tzOffsetSeconds(tz: string, at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

/** A user as users.info returns it; its `locale` only when asked for (`include_locale`), as Slack does. */
export function userJson(ctx: ApiContext, u: EmuUser, withLocale = false): Json {
  const label = new Intl.DateTimeFormat('en-US', { timeZone: u.tz, timeZoneName: 'long' })
    .formatToParts(new Date(ctx.ws.now()))
    .find((p) => p.type === 'timeZoneName')?.value;
  return {
    id: u.id,
    team_id: ctx.ws.team.id,
    name: u.name,
    deleted: u.deleted,
    real_name: u.real_name,
    tz: u.tz,
    tz_label: label ?? u.tz,
    tz_offset: tzOffsetSeconds(u.tz, ctx.ws.now()),
    is_bot: u.is_bot,
    is_app_user: false,
    is_admin: false,
    updated: Math.floor(ctx.ws.now() / 1000),
    profile: { real_name: u.real_name, display_name: u.name, ...(u.bot_id ? { bot_id: u.bot_id, api_app_id: u.app_id } : {}) },
    ...(withLocale ? { locale: u.locale } : {}),
  };
}

/** Slack's cursor pagination over a list. */
function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next: string } {
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, '')) || 0 : 0;
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return { items: slice, next: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '' };
}

const authTest: ApiHandler = (ctx) => ({
  ok: true,
  url: `https://${ctx.ws.team.domain}.slack.com/`,
  team: ctx.ws.team.name,
  user: ctx.ws.bot.name,
  team_id: ctx.ws.team.id,
  user_id: ctx.ws.bot.userId,
  bot_id: ctx.ws.bot.botId,
  is_enterprise_install: false,
});

const conversationsOpen: ApiHandler = (ctx, args) => {
  const a = parseArgs(z.object({ users: z.string().optional(), channel: z.string().optional(), return_im: flag.optional() }), args);
  if (a instanceof ArgsError) return a.body;
  if (a.channel) {
    const c = findConversation(ctx, a.channel);
    return isFailure(c) ? c : { ok: true, channel: { id: c.id } };
  }
  const ids = (a.users ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) return fail('users_list_not_supplied');
  for (const id of ids) {
    const user = ctx.ws.users.get(id);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
  }
  if (ids.length === 1) {
    const existed = [...ctx.ws.channels.values()].some((c) => c.is_im && c.user === ids[0]);
    const dm = ctx.ws.dmWith(ids[0] as string);
    return { ok: true, ...(existed ? { no_op: true, already_open: true } : {}), channel: a.return_im ? channelJson(ctx, dm) : { id: dm.id } };
  }
  const members = [...new Set([...ids, ctx.ws.bot.userId])].sort();
  const found = [...ctx.ws.channels.values()].find((c) => c.is_mpim && [...c.members].sort().join() === members.join());
  const mpim = found ?? ctx.ws.addChannel({ id: ctx.ws.ids.next('G'), name: `mpdm-${members.join('--')}`, is_mpim: true, is_private: true, members });
  return { ok: true, channel: { id: mpim.id } };
};

const channelArg = z.object({ channel: z.string(), cursor: z.string().optional(), limit: count.optional() });

const conversationsInfo: ApiHandler = (ctx, args) => {
  const a = parseArgs(channelArg, args);
  if (a instanceof ArgsError) return a.body;
  const c = findConversation(ctx, a.channel);
  return isFailure(c) ? c : { ok: true, channel: channelJson(ctx, c) };
};

const conversationsMembers: ApiHandler = (ctx, args) => {
  const a = parseArgs(channelArg, args);
  if (a instanceof ArgsError) return a.body;
  const c = findConversation(ctx, a.channel);
  if (isFailure(c)) return c;
  const { items, next } = page(c.members, a.cursor, a.limit ?? 100);
  return { ok: true, members: items, response_metadata: { next_cursor: next } };
};

/** The conversation whose history the bot may read (it must be a member). */
function readable(ctx: ApiContext, key: string): EmuChannel | ApiBody {
  const c = findConversation(ctx, key);
  if (isFailure(c)) return c;
  if (!c.members.includes(ctx.ws.bot.userId)) return fail('not_in_channel');
  return c;
}

const historyArgs = channelArg.extend({
  latest: z.string().optional(),
  oldest: z.string().optional(),
  inclusive: flag.optional(),
  include_all_metadata: flag.optional(),
});

/** A message as history and replies show it: its metadata only when asked for (`include_all_metadata`), as Slack does. */
function readMessage(withMetadata: boolean | undefined): (m: EmuMessage) => Json {
  return (m) => {
    const json = messageJson(m) as Record<string, Json>;
    if (!withMetadata) delete json.metadata;
    return json;
  };
}

/** Applies latest/oldest/inclusive like Slack (ts strings compare as numbers). */
function inWindow(m: EmuMessage, a: z.output<typeof historyArgs>): boolean {
  const ts = Number(m.ts);
  const incl = a.inclusive ?? false;
  if (a.latest !== undefined && (incl ? ts > Number(a.latest) : ts >= Number(a.latest))) return false;
  if (a.oldest !== undefined && (incl ? ts < Number(a.oldest) : ts <= Number(a.oldest))) return false;
  return true;
}

const conversationsHistory: ApiHandler = (ctx, args) => {
  const a = parseArgs(historyArgs, args);
  if (a instanceof ArgsError) return a.body;
  const c = readable(ctx, a.channel);
  if (isFailure(c)) return c;
  const channel = c;
  const top = ctx.ws
    .allMessages(channel.id)
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
    .filter((m) => inWindow(m, a))
    .reverse();
  const { items, next } = page(top, a.cursor, a.limit ?? 100);
  return { ok: true, messages: items.map(readMessage(a.include_all_metadata)), has_more: next !== '', response_metadata: { next_cursor: next } };
};

const conversationsReplies: ApiHandler = (ctx, args) => {
  const a = parseArgs(historyArgs.extend({ ts: z.string() }), args);
  if (a instanceof ArgsError) return a.body;
  const c = readable(ctx, a.channel);
  if (isFailure(c)) return c;
  const channel = c;
  const message = ctx.ws.findMessage(channel.id, a.ts);
  if (!message) return fail('thread_not_found');
  const rootTs = message.thread_ts ?? message.ts;
  const thread = ctx.ws.allMessages(channel.id).filter((m) => m.ts === rootTs || m.thread_ts === rootTs);
  const { items, next } = page(thread.filter((m) => m.ts === rootTs || inWindow(m, a)), a.cursor, a.limit ?? 1000);
  return { ok: true, messages: items.map(readMessage(a.include_all_metadata)), has_more: next !== '', response_metadata: { next_cursor: next } };
};

const usersInfo: ApiHandler = (ctx, args) => {
  const a = parseArgs(z.object({ user: z.string(), include_locale: flag.optional() }), args);
  if (a instanceof ArgsError) return a.body;
  const u = ctx.ws.users.get(a.user);
  return u ? { ok: true, user: userJson(ctx, u, a.include_locale === true) } : fail('user_not_found');
};

/**
 * Socket Mode: a new single-use WebSocket URL for the app. The emulator lets
 * only the app-level token call it (and refuses that token everywhere else)
 * before a handler runs; see SlackEmulator.
 */
const appsConnectionsOpen: ApiHandler = (ctx) => ({ ok: true, url: ctx.socketModeUrl() });

/** The reading handlers by method name. */
export const readMethods: Record<string, ApiHandler> = {
  'auth.test': authTest,
  'apps.connections.open': appsConnectionsOpen,
  'conversations.open': conversationsOpen,
  'conversations.info': conversationsInfo,
  'conversations.members': conversationsMembers,
  'conversations.history': conversationsHistory,
  'conversations.replies': conversationsReplies,
  'users.info': usersInfo,
};
