/**
 * views.* methods: modals (a stack of at most three per person) and the App
 * Home tab, with trigger_id rules, hash checks and Block Kit limits.
 */
import { z } from 'zod';
import { ArgsError, fail, jsonField, parseArgs } from './api-args';
import { type ApiContext, type ApiHandler } from './api-context';
import { describeViolation, errorFor, inspectView } from './block-kit';
import type { ApiBody, EmuView, Json } from './types';
import { elementsOf, keepValues, normalizeBlocks, stateOf } from './view-state';

/** The opened view plus two pushed ones. */
export const MODAL_STACK_LIMIT = 3;

/** A view as Slack returns it (state computed from what the person entered). */
export function viewJson(view: EmuView): Json {
  const { user: _user, ...rest } = view;
  return structuredClone({ ...rest, state: stateOf(view.blocks, view.state.values) }) as Json;
}

/** Checks a view against Block Kit; records and returns the failure, if any. */
export function refuseView(ctx: ApiContext, source: string, view: unknown): ApiBody | undefined {
  const violations = inspectView(view);
  const error = errorFor(violations);
  if (!error) return undefined;
  const details = violations.map(describeViolation);
  // Slack answers views.* schema problems, blocks included, with invalid_arguments; only size has its own code.
  const code = error === 'view_too_large' ? error : 'invalid_arguments';
  ctx.violation(source, code, details);
  return fail(code, details.map((d) => `[ERROR] ${d}`));
}

/** Builds a view record from a checked view payload. */
export function buildView(ctx: ApiContext, user: string, payload: Json, previous?: EmuView): EmuView {
  const { ws } = ctx;
  const id = previous?.id ?? ws.ids.next('V');
  const blocks = normalizeBlocks(payload.blocks, ws.ids);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    id,
    team_id: ws.team.id,
    type: payload.type === 'home' ? 'home' : 'modal',
    user,
    ...(payload.title !== undefined ? { title: payload.title as Json } : {}),
    ...(payload.submit !== undefined ? { submit: payload.submit as Json } : {}),
    ...(payload.close !== undefined ? { close: payload.close as Json } : {}),
    blocks,
    private_metadata: str(payload.private_metadata),
    callback_id: str(payload.callback_id),
    external_id: str(payload.external_id),
    state: { values: previous ? keepValues(previous.state.values, blocks) : {} },
    hash: ws.ids.hash(),
    clear_on_close: payload.clear_on_close === true,
    notify_on_close: payload.notify_on_close === true,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.previous_view_id ?? null,
    app_id: ws.bot.appId,
    bot_id: ws.bot.botId,
    app_installed_team_id: ws.team.id,
  };
}

/**
 * default_to_current_conversation: a conversation picker without an initial
 * conversation starts with the one the person was looking at when the
 * trigger was made (a command's channel, a clicked message's, where a
 * shortcut was used), if its filter lets it in. Set as the person's value,
 * as Slack's client reports it in the view's state.
 */
function preselectConversation(ctx: ApiContext, view: EmuView, conversation: string): void {
  const channel = ctx.ws.channels.get(conversation);
  if (!channel) return;
  const kind = channel.is_im ? 'im' : channel.is_mpim ? 'mpim' : channel.is_private ? 'private' : 'public';
  for (const block of view.blocks) {
    for (const el of elementsOf(block)) {
      if (el.type !== 'conversations_select' || el.default_to_current_conversation !== true || el.initial_conversation !== undefined) continue;
      const include = (el.filter as Json | undefined)?.include;
      if (Array.isArray(include) && !include.includes(kind)) continue;
      const blockId = String(block.block_id);
      view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), [String(el.action_id)]: { type: 'conversations_select', selected_conversation: conversation } };
    }
  }
}

const openArgs = z.object({ trigger_id: z.string().optional(), interactivity_pointer: z.string().optional(), view: jsonField });

/** Shared by views.open and views.push: spend the trigger, check the view, place it on the stack. */
function openOrPush(ctx: ApiContext, args: Json, method: 'views.open' | 'views.push'): ApiBody {
  const a = parseArgs(openArgs, args);
  if (a instanceof ArgsError) return a.body;
  const trigger = a.trigger_id ?? a.interactivity_pointer;
  if (!trigger) return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  const refusal = refuseView(ctx, method, a.view);
  if (refusal) return refusal;
  const payload = a.view as Json;
  if (payload.type !== 'modal') return fail('invalid_arguments', ['[ERROR] only modal views can be opened or pushed']);
  const redeemed = ctx.ws.redeemTrigger(trigger);
  if ('error' in redeemed) return fail(redeemed.error);
  const stack = ctx.ws.modalStack(redeemed.user);
  if (method === 'views.push' && stack.length >= MODAL_STACK_LIMIT) return fail('push_limit_reached');
  if (typeof payload.external_id === 'string' && payload.external_id !== '' && ctx.ws.findView({ externalId: payload.external_id }))
    return fail('duplicate_external_id');
  const view = buildView(ctx, redeemed.user, payload);
  if ('conversation' in redeemed && redeemed.conversation) preselectConversation(ctx, view, redeemed.conversation);
  if (method === 'views.open' || stack.length === 0) stack.splice(0, stack.length, view);
  else {
    const below = stack[stack.length - 1];
    view.root_view_id = stack[0]?.id ?? view.id;
    view.previous_view_id = below?.id ?? null;
    stack.push(view);
  }
  ctx.ws.touch({ kind: 'view', user: redeemed.user });
  return { ok: true, view: viewJson(view) };
}

const updateArgs = z.object({ view_id: z.string().optional(), external_id: z.string().optional(), hash: z.string().optional(), view: jsonField });

const update: ApiHandler = (ctx, args) => {
  const a = parseArgs(updateArgs, args);
  if (a instanceof ArgsError) return a.body;
  if (!a.view_id && !a.external_id) return fail('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  const current = ctx.ws.findView({ id: a.view_id, externalId: a.external_id });
  if (!current) return fail('not_found');
  if (a.hash !== undefined && a.hash !== current.hash) return fail('hash_conflict');
  const refusal = refuseView(ctx, 'views.update', a.view);
  if (refusal) return refusal;
  const next = buildView(ctx, current.user, a.view as Json, current);
  replaceView(ctx, current, next);
  return { ok: true, view: viewJson(next) };
};

/** Puts `next` where `current` was (in a modal stack or as the Home tab). */
export function replaceView(ctx: ApiContext, current: EmuView, next: EmuView): void {
  if (current.type === 'home') ctx.ws.homes.set(current.user, next);
  else {
    const stack = ctx.ws.modalStack(current.user);
    stack[stack.indexOf(current)] = next;
  }
  ctx.ws.touch({ kind: current.type === 'home' ? 'home' : 'view', user: current.user });
}

const publishArgs = z.object({ user_id: z.string(), hash: z.string().optional(), view: jsonField });

const publish: ApiHandler = (ctx, args) => {
  const a = parseArgs(publishArgs, args);
  if (a instanceof ArgsError) return a.body;
  const user = ctx.ws.users.get(a.user_id);
  if (!user || user.deleted) return fail('user_not_found');
  const refusal = refuseView(ctx, 'views.publish', a.view);
  if (refusal) return refusal;
  const payload = a.view as Json;
  if (payload.type !== 'home') return fail('invalid_arguments', ['[ERROR] views.publish takes a home view']);
  const current = ctx.ws.homes.get(user.id);
  if (current && a.hash !== undefined && a.hash !== current.hash) return fail('hash_conflict');
  const next = buildView(ctx, user.id, payload, current);
  ctx.ws.homes.set(user.id, next);
  ctx.ws.touch({ kind: 'home', user: user.id });
  return { ok: true, view: viewJson(next) };
};

/** The views.* handlers by method name. */
export const viewMethods: Record<string, ApiHandler> = {
  'views.open': (ctx, args) => openOrPush(ctx, args, 'views.open'),
  'views.push': (ctx, args) => openOrPush(ctx, args, 'views.push'),
  'views.update': update,
  'views.publish': publish,
};
