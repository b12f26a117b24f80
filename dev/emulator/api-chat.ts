/**
 * chat.* methods: post, update, delete, post ephemeral, permalink - with the
 * rules Slack applies to a bot token.
 */
import { z } from 'zod';
import { ArgsError, fail, flag, parseArgs } from './api-args';
import { type ApiContext, type ApiHandler, acceptContent, contentArgs, findConversation, isFailure, postableConversation } from './api-context';
import type { ApiBody, EmuMessage, Json } from './types';

/** A message as Slack returns it in API answers (without the emulator's channel field). */
export function messageJson(message: EmuMessage): Json {
  const { channel: _channel, ...rest } = message;
  return structuredClone(rest) as Json;
}

const postArgs = z.object({
  channel: z.string(),
  thread_ts: z.string().optional(),
  reply_broadcast: flag.optional(),
  ...contentArgs,
});

const postMessage: ApiHandler = (ctx, args) => {
  const a = parseArgs(postArgs, args);
  if (a instanceof ArgsError) return a.body;
  const channel = postableConversation(ctx, a.channel);
  if (isFailure(channel)) return channel;
  let threadTs: string | undefined;
  if (a.thread_ts) {
    const parent = ctx.ws.findMessage(channel.id, a.thread_ts);
    // Stricter than Slack, which may accept a dangling thread_ts: a reply to nothing is a bug worth seeing.
    if (!parent) return fail('thread_not_found');
    threadTs = parent.thread_ts ?? parent.ts;
  }
  const content = acceptContent(ctx, 'chat.postMessage', a);
  if (isFailure(content)) return content;
  const message = ctx.ws.insertMessage(channel.id, ctx.ws.bot.userId, content, threadTs, a.reply_broadcast ?? false);
  return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message) };
};

const tsArgs = z.object({ channel: z.string(), ts: z.string() });

/** The bot's own message at (channel, ts), or the error for update/delete. */
function ownMessage(ctx: ApiContext, channelKey: string, ts: string, refusal: string): EmuMessage | ApiBody {
  const channel = findConversation(ctx, channelKey);
  if (isFailure(channel)) return channel;
  const message = ctx.ws.findMessage(channel.id, ts);
  if (!message || message.subtype === 'tombstone') return fail('message_not_found');
  // A bot token may only change what the bot posted; people's own messages stay theirs.
  if (message.user !== ctx.ws.bot.userId) return fail(refusal);
  return message;
}

const update: ApiHandler = (ctx, args) => {
  const a = parseArgs(tsArgs.extend(contentArgs), args);
  if (a instanceof ArgsError) return a.body;
  const message = ownMessage(ctx, a.channel, a.ts, 'cant_update_message');
  if (isFailure(message)) return message;
  const found = message;
  // Slack's documented refusal: a message cannot be edited in a frozen, archived or deleted channel.
  if (ctx.ws.channels.get(found.channel)?.is_archived) return fail('is_inactive');
  const content = acceptContent(ctx, 'chat.update', a);
  if (isFailure(content)) return content;
  ctx.ws.updateMessage(found, content, ctx.ws.bot.userId);
  return { ok: true, channel: found.channel, ts: found.ts, text: found.text, message: messageJson(found) };
};

const remove: ApiHandler = (ctx, args) => {
  const a = parseArgs(tsArgs, args);
  if (a instanceof ArgsError) return a.body;
  const message = ownMessage(ctx, a.channel, a.ts, 'cant_delete_message');
  if (isFailure(message)) return message;
  const found = message;
  // Slack does not document chat.delete in an archived channel; refusing it keeps the archive as it was left.
  if (ctx.ws.channels.get(found.channel)?.is_archived) return fail('is_archived');
  ctx.ws.deleteMessage(found);
  return { ok: true, channel: found.channel, ts: found.ts };
};

const ephemeralArgs = postArgs.extend({ user: z.string() });

const postEphemeral: ApiHandler = (ctx, args) => {
  const a = parseArgs(ephemeralArgs, args);
  if (a instanceof ArgsError) return a.body;
  const channel = postableConversation(ctx, a.channel);
  if (isFailure(channel)) return channel;
  const user = ctx.ws.users.get(a.user);
  if (!user || user.deleted) return fail('user_not_found');
  if (!channel.members.includes(user.id)) return fail('user_not_in_channel');
  const content = acceptContent(ctx, 'chat.postEphemeral', a);
  if (isFailure(content)) return content;
  const ephemeral = ctx.ws.insertEphemeral(channel.id, user.id, content, a.thread_ts);
  return { ok: true, message_ts: ephemeral.ts };
};

const getPermalink: ApiHandler = (ctx, args) => {
  const a = parseArgs(z.object({ channel: z.string(), message_ts: z.string() }), args);
  if (a instanceof ArgsError) return a.body;
  const channel = findConversation(ctx, a.channel);
  if (isFailure(channel)) return channel;
  const message = ctx.ws.findMessage(channel.id, a.message_ts);
  if (!message) return fail('message_not_found');
  const base = `https://${ctx.ws.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const thread = message.thread_ts && message.thread_ts !== message.ts ? `?thread_ts=${message.thread_ts}&cid=${channel.id}` : '';
  return { ok: true, channel: channel.id, permalink: base + thread };
};

/** The chat.* handlers by method name. */
export const chatMethods: Record<string, ApiHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
