/**
 * What every Web API handler gets: the workspace and the emulator's hooks for
 * recording Block Kit violations and minting response URLs. Also the shared
 * checks (may the bot post here? is this content valid Block Kit?).
 */
import { z } from 'zod';
import { errorFor, inspectMessage, describeViolation } from './block-kit';
import { fail, jsonField } from './api-args';
import type { WorkspacePolicy } from './policy';
import type { Workspace, Content } from './workspace';
import type { ApiBody, EmuChannel, Json } from './types';
import { normalizeBlocks } from './view-state';

export interface ApiContext {
  ws: Workspace;
  /** Records a Block Kit violation (tests assert the list stays empty). */
  violation(source: string, error: string, details: string[]): void;
  /** The public URL of a response_url target. */
  responseUrl(targetId: string): string;
  /** A new single-use Socket Mode URL (apps.connections.open). */
  socketModeUrl(): string;
  /** Bot may post where it is not a member (chat:write.public). */
  chatWritePublic: boolean;
  /** Workspace preferences that forbid the bot some methods (restricted_action). */
  policy: WorkspacePolicy;
}

/** A handler for one Web API method. */
export type ApiHandler = (ctx: ApiContext, args: Json) => ApiBody;

/** The content fields of a message (text, blocks, metadata) as they arrive. */
export const contentArgs = {
  text: z.string().optional(),
  blocks: jsonField.optional(),
  metadata: jsonField.optional(),
};

/**
 * Validates message content like Slack: needs text or blocks, and must pass
 * every Block Kit limit. Returns the content with Slack's ids filled in, or the error body.
 */
export function acceptContent(
  ctx: ApiContext,
  source: string,
  raw: { text?: string | undefined; blocks?: unknown; metadata?: unknown },
  requireSomething = true,
): Content | ApiBody {
  const hasBlocks = raw.blocks !== undefined && raw.blocks !== null && raw.blocks !== '';
  if (requireSomething && !raw.text && !hasBlocks) return fail('no_text');
  const violations = inspectMessage({ text: raw.text, blocks: hasBlocks ? raw.blocks : undefined });
  const error = errorFor(violations);
  if (error) {
    const details = violations.map(describeViolation);
    ctx.violation(source, error, details);
    return fail(error, details.map((d) => `[ERROR] ${d}`));
  }
  const content: Content = {};
  if (raw.text !== undefined) content.text = raw.text;
  if (hasBlocks) content.blocks = normalizeBlocks(raw.blocks, ctx.ws.ids);
  if (raw.metadata !== undefined && typeof raw.metadata === 'object' && raw.metadata !== null) content.metadata = raw.metadata as Json;
  return content;
}

/** Whether a value is an error body rather than a result. */
export function isFailure(value: unknown): value is ApiBody {
  return typeof value === 'object' && value !== null && 'ok' in value && (value as ApiBody).ok === false;
}

/**
 * The conversation a bot addresses by id, name, or a user id (its DM with that
 * person). Private conversations the bot is not in do not exist for it.
 */
export function findConversation(ctx: ApiContext, key: string): EmuChannel | ApiBody {
  const { ws } = ctx;
  const user = ws.users.get(key);
  if (user) {
    if (user.deleted) return fail('user_disabled');
    if (user.is_bot) return fail('cannot_dm_bot');
    return ws.dmWith(user.id);
  }
  const channel = ws.channel(key);
  if (!channel) return fail('channel_not_found');
  if (channel.is_private && !channel.members.includes(ws.bot.userId)) return fail('channel_not_found');
  return channel;
}

/** The conversation the bot may post in, or Slack's refusal. */
export function postableConversation(ctx: ApiContext, key: string): EmuChannel | ApiBody {
  const channel = findConversation(ctx, key);
  if (isFailure(channel)) return channel;
  if (channel.is_archived) return fail('is_archived');
  if (channel.is_im && channel.user && ctx.ws.users.get(channel.user)?.deleted) return fail('user_disabled');
  if (!channel.members.includes(ctx.ws.bot.userId) && !(ctx.chatWritePublic && !channel.is_private)) return fail('not_in_channel');
  return channel;
}
