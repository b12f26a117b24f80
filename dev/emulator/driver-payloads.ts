/**
 * Request bodies exactly as Slack sends them to an app: slash commands
 * (form fields), interactive payloads (form field `payload` holding JSON), and
 * Events API envelopes (JSON). Pure builders over the emulator's state.
 */
import { messageJson } from './api-chat';
import { viewJson } from './api-views';
import type { EmulatorPort } from './ports';
import type { EmuView, Json, StateValues } from './types';
import { stateOf } from './view-state';

/** The legacy verification token Slack still puts in payloads (Bolt ignores it in favour of signatures). */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

/** Where an interaction happened. */
export type ActionSource =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; id: string }
  | { kind: 'view'; viewId: string };

function userJson(emu: EmulatorPort, userId: string): Json {
  const user = emu.ws.users.get(userId);
  return { id: userId, username: user?.name ?? userId, name: user?.name ?? userId, team_id: emu.ws.team.id };
}

function teamJson(emu: EmulatorPort): Json {
  return { id: emu.ws.team.id, domain: emu.ws.team.domain };
}

function channelRef(emu: EmulatorPort, channelId: string): Json {
  const c = emu.ws.channels.get(channelId);
  return { id: channelId, name: c?.is_im ? 'directmessage' : (c?.name ?? channelId) };
}

/** Slash command form fields (sent as application/x-www-form-urlencoded). */
export function commandFields(
  emu: EmulatorPort,
  a: { user: string; channel: string; command: string; text: string; triggerId: string; responseUrl: string },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: emu.ws.team.id,
    team_domain: emu.ws.team.domain,
    channel_id: a.channel,
    channel_name: String(channelRef(emu, a.channel).name),
    user_id: a.user,
    user_name: emu.ws.users.get(a.user)?.name ?? a.user,
    command: a.command,
    text: a.text,
    api_app_id: emu.ws.bot.appId,
    is_enterprise_install: 'false',
    response_url: a.responseUrl,
    trigger_id: a.triggerId,
  };
}

/** Fields shared by every interactive payload. */
function interactionBase(emu: EmulatorPort, type: string, user: string): Json {
  return {
    type,
    user: userJson(emu, user),
    api_app_id: emu.ws.bot.appId,
    token: VERIFICATION_TOKEN,
    team: teamJson(emu),
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** A block_actions payload for one action on a message, an ephemeral message, a modal or the Home tab. */
export function blockActionsPayload(
  emu: EmulatorPort,
  a: { user: string; source: ActionSource; action: Json; triggerId: string; responseUrl?: string; touched?: StateValues },
): Json {
  const payload = interactionBase(emu, 'block_actions', a.user);
  payload.trigger_id = a.triggerId;
  const src = a.source;
  if (src.kind === 'view') {
    const view = emu.ws.findView({ id: src.viewId });
    if (!view) throw new Error(`No open view ${src.viewId}`);
    payload.container = { type: 'view', view_id: view.id };
    payload.view = viewJson(view);
  } else if (src.kind === 'message') {
    const message = emu.ws.findMessage(src.channel, src.ts);
    if (!message) throw new Error(`No message ${src.ts} in ${src.channel}`);
    payload.container = {
      type: 'message',
      message_ts: message.ts,
      channel_id: src.channel,
      is_ephemeral: false,
      ...(message.thread_ts && message.thread_ts !== message.ts ? { thread_ts: message.thread_ts } : {}),
    };
    payload.channel = channelRef(emu, src.channel);
    payload.message = messageJson(message);
    payload.state = stateOf(message.blocks ?? [], a.touched ?? {});
  } else {
    const eph = emu.ws.ephemerals.find((e) => e.id === src.id);
    if (!eph) throw new Error(`No ephemeral message ${src.id}`);
    payload.container = { type: 'message', message_ts: eph.ts, channel_id: eph.channel, is_ephemeral: true };
    payload.channel = channelRef(emu, eph.channel);
    payload.state = stateOf(eph.blocks ?? [], a.touched ?? {});
  }
  if (a.responseUrl) payload.response_url = a.responseUrl;
  payload.actions = [a.action];
  return payload;
}

/** A global shortcut's payload (type `shortcut`): who used it, its callback_id and a trigger_id; no channel. */
export function shortcutPayload(emu: EmulatorPort, a: { user: string; callbackId: string; triggerId: string }): Json {
  const payload = interactionBase(emu, 'shortcut', a.user);
  payload.callback_id = a.callbackId;
  payload.trigger_id = a.triggerId;
  payload.action_ts = emu.ws.ids.ts();
  return payload;
}

/** A view_submission payload for the view as the person filled it. */
export function viewSubmissionPayload(emu: EmulatorPort, user: string, view: EmuView, triggerId: string): Json {
  const payload = interactionBase(emu, 'view_submission', user);
  payload.trigger_id = triggerId;
  payload.view = viewJson(view);
  payload.response_urls = [];
  return payload;
}

/** A view_closed payload (sent only for views with notify_on_close). */
export function viewClosedPayload(emu: EmulatorPort, user: string, view: EmuView, isCleared: boolean): Json {
  const payload = interactionBase(emu, 'view_closed', user);
  payload.view = viewJson(view);
  payload.is_cleared = isCleared;
  return payload;
}

/** An Events API envelope around one event. */
export function eventEnvelope(emu: EmulatorPort, event: Json): Json {
  const eventTs = typeof event.event_ts === 'string' ? event.event_ts : emu.ws.ids.ts();
  return {
    token: VERIFICATION_TOKEN,
    team_id: emu.ws.team.id,
    api_app_id: emu.ws.bot.appId,
    event: { ...event, event_ts: eventTs },
    type: 'event_callback',
    event_id: emu.ws.ids.next('Ev'),
    event_time: Math.floor(emu.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: emu.ws.team.id, user_id: emu.ws.bot.userId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(String(event.type)).toString('base64')}`,
  };
}
