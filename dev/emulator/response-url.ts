/**
 * response_url endpoints, as Bolt's respond() uses them: post a new ephemeral
 * or in-channel message, or replace / delete the message the interaction came
 * from (the only way to change an ephemeral message). Valid 5 times in 30 minutes.
 */
import { z } from 'zod';
import { flag, jsonField } from './api-args';
import { type ApiContext, acceptContent, isFailure } from './api-context';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './workspace';
import type { ApiBody } from './types';

const responseBody = z.object({
  text: z.string().optional(),
  blocks: jsonField.optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: flag.optional(),
  delete_original: flag.optional(),
  thread_ts: z.string().optional(),
});

/** An HTTP answer from a response_url. */
export interface ResponseUrlAnswer {
  status: number;
  body: ApiBody;
}

/** Handles one POST to a response_url target (an ack's reply to a slash command does not count as a use). */
export function handleResponseUrl(ctx: ApiContext, targetId: string, raw: unknown, countsAsUse = true): ResponseUrlAnswer {
  const { ws } = ctx;
  const target = ws.responseTargets.get(targetId);
  if (!target) return { status: 404, body: { ok: false, error: 'invalid_url' } };
  if (ws.now() - target.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
  if (target.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
  const parsed = responseBody.safeParse(raw);
  if (!parsed.success) return { status: 400, body: { ok: false, error: 'invalid_arguments' } };
  const a = parsed.data;
  if (countsAsUse) target.uses += 1;
  const source = target.source;

  if (a.delete_original) {
    if (!source) return { status: 404, body: { ok: false, error: 'no_original_message' } };
    if (source.kind === 'ephemeral') ws.changeEphemeral(source.id, undefined);
    else {
      const message = ws.findMessage(target.channel, source.ts);
      if (!message || message.user !== ws.bot.userId) return { status: 404, body: { ok: false, error: 'message_not_found' } };
      ws.deleteMessage(message);
    }
    return { status: 200, body: { ok: true } };
  }

  const content = acceptContent(ctx, 'response_url', a);
  if (isFailure(content)) return { status: 400, body: content };

  if (a.replace_original && source) {
    if (source.kind === 'ephemeral') {
      if (!ws.changeEphemeral(source.id, content)) return { status: 404, body: { ok: false, error: 'message_not_found' } };
    } else {
      const message = ws.findMessage(target.channel, source.ts);
      if (!message || message.user !== ws.bot.userId) return { status: 404, body: { ok: false, error: 'message_not_found' } };
      ws.updateMessage(message, { ...content, blocks: content.blocks ?? [] }, ws.bot.userId);
    }
    return { status: 200, body: { ok: true } };
  }

  const threadTs = a.thread_ts ?? target.thread_ts;
  // A response_url may post in_channel even where the bot is not a member (Slack allows it for slash commands).
  if (a.response_type === 'in_channel') ws.insertMessage(target.channel, ws.bot.userId, content, threadTs);
  else ws.insertEphemeral(target.channel, target.user, content, threadTs);
  return { status: 200, body: { ok: true } };
}
