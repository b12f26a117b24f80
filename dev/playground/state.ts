/**
 * What one person sees in the playground: the channels they are in (messages,
 * threads, their own ephemerals), their DM with the bot, their modal stack,
 * their Home tab and the people of the team. The page draws exactly this, so
 * nobody's ephemerals, modals or DMs ever reach another person's tab.
 */
import type { SlackEmulator, Violation } from '../emulator';
import type { EmuEphemeral, EmuMessage, EmuView, Json } from '../emulator';
import { DEMO_PEOPLE, PLAYGROUND_LANGUAGES, type DemoPerson, demoPerson } from './demo-team';

/** One message on the page (a channel message, a reply, a DM, or one of the person's ephemerals). */
export interface ShownMessage {
  ts: string;
  user: string;
  text: string;
  blocks: Json[];
  /** Set for an ephemeral message: its id (the page marks it "Only visible to you"). */
  ephemeralId?: string;
  threadTs?: string;
  replyCount?: number;
  replyUsers?: string[];
  edited?: boolean;
  /** A thread parent deleted while replies remain. */
  deleted?: boolean;
}

/** A channel the person is in: top-level messages and the threads under them. */
export interface ShownChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  memberCount: number;
  messages: ShownMessage[];
  /** Replies (and the person's ephemerals in a thread) by parent ts, oldest first. */
  threads: Record<string, ShownMessage[]>;
}

/** A view (modal or Home tab) as the page draws it. */
export interface ShownView {
  id: string;
  hash: string;
  type: 'modal' | 'home';
  callbackId: string;
  title?: Json;
  submit?: Json;
  close?: Json;
  blocks: Json[];
  /** What the person entered so far, in Slack's state shape. */
  values: Record<string, Record<string, Json>>;
  /** Validation errors from the app's last `response_action: errors`, by block_id. */
  errors: Record<string, string>;
}

/** A person as the page shows them: anyone of the workspace, with a suggested role only for the demo team. */
export interface ShownPerson extends Omit<DemoPerson, 'role'> {
  role?: DemoPerson['role'];
}

export interface PersonState {
  me: ShownPerson;
  team: { name: string };
  bot: { id: string; name: string };
  people: ShownPerson[];
  channels: ShownChannel[];
  dm: { id?: string; messages: ShownMessage[] };
  modals: ShownView[];
  home: ShownView | null;
  /** Things Slack would have refused or shown as an error (for developers; no user text in them). */
  violations: Violation[];
  /** The person's Slack language (the page's language switch sets the team's), and the ones the switch offers. */
  language: { current: string; offered: Array<{ code: string; name: string }> };
  /** The playground's time (ms) and how far a person moved it ahead of real time. */
  clock?: { now: number; ahead: number };
}

/** Errors the app sent back for a view, remembered against the view's hash so a redraw clears them. */
export type ViewErrors = Map<string, { hash: string; errors: Record<string, string> }>;

function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]?.[0], words.at(-1)?.[0]] : [name[0], name[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

/** Every person of the workspace (not the bot, not deactivated), demo team first. */
export function people(emulator: SlackEmulator): ShownPerson[] {
  return [...emulator.ws.users.values()]
    .filter((u) => !u.is_bot && !u.deleted)
    .map((u) => {
      const demo = demoPerson(u.id);
      return {
        id: u.id,
        name: u.name,
        realName: u.real_name,
        initials: demo?.initials ?? initialsOf(u.real_name),
        colour: demo?.colour ?? '#4a5568',
        tz: u.tz,
        ...(demo ? { role: demo.role } : {}),
      };
    })
    .sort((a, b) => rank(a.id) - rank(b.id));
}

function rank(id: string): number {
  const index = DEMO_PEOPLE.findIndex((p) => p.id === id);
  return index < 0 ? DEMO_PEOPLE.length : index;
}

function shownMessage(m: EmuMessage): ShownMessage {
  return {
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: structuredClone(m.blocks ?? []),
    ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
    ...(m.reply_count ? { replyCount: m.reply_count, replyUsers: [...(m.reply_users ?? [])] } : {}),
    ...(m.edited ? { edited: true } : {}),
    ...(m.subtype === 'tombstone' ? { deleted: true } : {}),
  };
}

function shownEphemeral(e: EmuEphemeral, bot: string): ShownMessage {
  return {
    ts: e.ts,
    user: bot,
    text: e.text,
    blocks: structuredClone(e.blocks ?? []),
    ephemeralId: e.id,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
  };
}

const byTs = (a: ShownMessage, b: ShownMessage): number => Number(a.ts) - Number(b.ts);

/** A channel as `userId` sees it. */
function shownChannel(emulator: SlackEmulator, channelId: string, userId: string): ShownChannel | undefined {
  const c = emulator.ws.channels.get(channelId);
  if (!c) return undefined;
  const all = emulator.ws.allMessages(c.id);
  const isReply = (m: EmuMessage): boolean => m.thread_ts !== undefined && m.thread_ts !== m.ts;
  const own = emulator.ws.ephemerals.filter((e) => e.user === userId && e.channel === c.id).map((e) => shownEphemeral(e, emulator.ws.bot.userId));
  const messages = [...all.filter((m) => !isReply(m) || m.reply_broadcast).map(shownMessage), ...own.filter((e) => !e.threadTs)].sort(byTs);
  const threads: Record<string, ShownMessage[]> = {};
  for (const reply of [...all.filter(isReply).map(shownMessage), ...own.filter((e) => e.threadTs)]) {
    const parent = reply.threadTs ?? '';
    (threads[parent] ??= []).push(reply);
  }
  for (const list of Object.values(threads)) list.sort(byTs);
  return { id: c.id, name: c.name, isPrivate: c.is_private, memberCount: c.members.length, messages, threads };
}

function shownView(view: EmuView, errors: ViewErrors): ShownView {
  const remembered = errors.get(view.id);
  return {
    id: view.id,
    hash: view.hash,
    type: view.type,
    callbackId: view.callback_id,
    ...(view.title ? { title: structuredClone(view.title) } : {}),
    ...(view.submit ? { submit: structuredClone(view.submit) } : {}),
    ...(view.close ? { close: structuredClone(view.close) } : {}),
    blocks: structuredClone(view.blocks),
    values: structuredClone(view.state.values),
    errors: remembered && remembered.hash === view.hash ? { ...remembered.errors } : {},
  };
}

/** Everything `userId` sees right now. */
export function personState(emulator: SlackEmulator, userId: string, errors: ViewErrors): PersonState {
  const team = people(emulator);
  const me = team.find((p) => p.id === userId);
  if (!me) throw new Error(`No person ${userId} in the playground`);
  const ws = emulator.ws;
  const channels = [...ws.channels.values()]
    .filter((c) => !c.is_im && !c.is_mpim && !c.is_archived && c.members.includes(userId))
    .map((c) => shownChannel(emulator, c.id, userId))
    .filter((c): c is ShownChannel => c !== undefined);
  const dm = [...ws.channels.values()].find((c) => c.is_im && c.user === userId);
  const home = ws.homes.get(userId);
  return {
    me,
    team: { name: ws.team.name },
    bot: { id: ws.bot.userId, name: ws.bot.name },
    people: team,
    channels,
    dm: dm ? { id: dm.id, messages: ws.allMessages(dm.id).map(shownMessage) } : { messages: [] },
    modals: ws.modalStack(userId).map((v) => shownView(v, errors)),
    home: home ? shownView(home, errors) : null,
    violations: emulator.violations.slice(-20),
    language: languageOf(emulator, userId),
  };
}

/** The person's Slack language as the switch names it (English for a locale it does not offer). */
function languageOf(emulator: SlackEmulator, userId: string): PersonState['language'] {
  const locale = emulator.ws.users.get(userId)?.locale ?? '';
  const current = PLAYGROUND_LANGUAGES.find((l) => l.locale === locale)?.code ?? 'en';
  return { current, offered: PLAYGROUND_LANGUAGES.map(({ code, name }) => ({ code, name })) };
}
