/**
 * Garbage for the fuzz test: random and mutated Slack requests, drawn from a
 * seeded PRNG so a failing run can be replayed with the same seed.
 *
 * Mutations start from real requests the people in the test sent (captured
 * as templates) and always break something that makes the request
 * impossible to act on legitimately: a participant's request never keeps a
 * value or private_metadata naming the real session, and a submission from
 * anyone with a Slack-shaped user id never keeps its private_metadata. What
 * is left must change nothing in the store; anything else would be garbage
 * a person could have sent on purpose (alice may close her own session with
 * any seq), not garbage.
 */
import { ACTIONS, CALLBACKS } from '../../src/slack/ids';

/** Mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A real request, as the driver sent it. */
export interface Template {
  body: string;
  contentType: string;
}

/** One garbage request. */
export interface Garbage {
  kind: string;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

/** Who is who, so mutations never turn garbage into a legitimate request. */
export interface Cast {
  participants: readonly string[];
  outsiders: readonly string[];
  channel: string;
  /** The real session's thread, so some garbage lands in it. */
  thread(): string | undefined;
}

/** Written into junk text, so the test can check the log never repeats it. */
export const JUNK_MARK = 'FUZZTEXT';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const REAL_ACTIONS = Object.values(ACTIONS);
const REAL_CALLBACKS = Object.values(CALLBACKS);
const INVALID_USERS: readonly unknown[] = ['', 'system', 'u0lower', 'U', 'U0BOT ', `U${'X'.repeat(300)}`, '<!channel>', 42, null, {}, [], { id: 'U0ALICE' }];

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function junkString(rng: Rng): string {
  switch (rng.int(12)) {
    case 0:
      return '';
    case 1:
      return `${JUNK_MARK} ${'x'.repeat(3000 + rng.int(60_000))}`;
    case 2:
      return `fuzz-${rng.int(1e6)}|${1e6 + rng.int(1e6)}|tips|${rng.int(5)}|i${rng.int(9)}|edit`;
    case 3:
      return '|||||||';
    case 4:
      return `${JUNK_MARK} <!channel> <@U0EVIL> <https://evil.example|x> &amp;`;
    case 5:
      return `${JUNK_MARK} \u0000\u202e\u200b😀\ud800 ${rng.int(1e9)}`;
    case 6:
      return '__proto__';
    case 7:
      return `{"sessionId":"${JUNK_MARK}","seq":1}`;
    case 8:
      return `new|C${rng.int(1e6)}`;
    case 9:
      return `%00%ff${JUNK_MARK}`;
    default: {
      const length = rng.int(40);
      let text = JUNK_MARK;
      for (let i = 0; i < length; i += 1) text += String.fromCharCode(32 + rng.int(95));
      return text;
    }
  }
}

export function junkValue(rng: Rng, depth = 0): JsonValue {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return rng.int(2 ** 31) - 2 ** 30;
    case 1:
      return rng.chance(0.5);
    case 2:
      return null;
    case 3:
    case 4:
    case 5:
      return junkString(rng);
    case 6:
      return Array.from({ length: rng.int(4) }, () => junkValue(rng, depth + 1));
    case 7: {
      const object: JsonObject = {};
      for (let i = rng.int(4); i > 0; i -= 1) object[rng.pick(['type', 'id', 'value', 'user', 'text', 'view', junkString(rng).slice(0, 12)])] = junkValue(rng, depth + 1);
      return object;
    }
    default:
      return 1e308 * (rng.chance(0.5) ? 1 : -1);
  }
}

/** Sets or deletes something at a random place in the object (the mutation "noise"). */
function poke(rng: Rng, target: JsonObject, depth = 0): void {
  const keys = Object.keys(target);
  if (keys.length === 0 || depth > 4) {
    target[junkString(rng).slice(0, 20)] = junkValue(rng);
    return;
  }
  const key = rng.pick(keys);
  const inner = target[key];
  if (rng.chance(0.6) && isObject(inner)) return poke(rng, inner, depth + 1);
  if (rng.chance(0.5) && Array.isArray(inner) && isObject(inner[0])) return poke(rng, inner[0], depth + 1);
  if (rng.chance(0.3)) delete target[key];
  else target[key] = junkValue(rng);
}

function userOf(payload: JsonObject): unknown {
  return isObject(payload.user) ? payload.user.id : undefined;
}

/** The breaking mutation and the rule: a participant's click never keeps a value that could name the real session. */
function breakClick(rng: Rng, payload: JsonObject, cast: Cast): void {
  switch (rng.int(7)) {
    case 0:
      payload.user = { id: rng.pick(cast.outsiders) };
      break;
    case 1:
      payload.user = { id: rng.pick(INVALID_USERS) as JsonValue };
      break;
    case 2:
      payload.actions = rng.pick<JsonValue>([[], null, junkString(rng), [junkValue(rng)], {}]);
      break;
    case 3:
      payload.type = rng.pick<JsonValue>(['block_action', 'shortcut', '', null, junkString(rng)]);
      break;
    default:
      break;
  }
  const action = Array.isArray(payload.actions) && isObject(payload.actions[0]) ? payload.actions[0] : undefined;
  // Mostly real action ids: an unknown one is never acked and holds its request for Bolt's 3 s (a few cover that path).
  if (action && rng.chance(0.3)) action.action_id = rng.chance(0.75) ? rng.pick(REAL_ACTIONS) : junkString(rng).slice(0, 300);
  const user = userOf(payload);
  if (action && typeof user === 'string' && cast.participants.includes(user)) {
    action.value = junkString(rng);
    if ('selected_option' in action) action.selected_option = rng.chance(0.5) ? { value: junkString(rng) } : junkValue(rng);
    delete action.selected_options;
    if (isObject(payload.view)) payload.view.private_metadata = junkString(rng);
  }
}

/** The breaking mutation of a submission: its private_metadata goes unless the user id cannot be a person's. */
function breakSubmission(rng: Rng, payload: JsonObject, cast: Cast): void {
  const who = rng.next();
  if (who < 0.3) payload.user = { id: rng.pick(INVALID_USERS) as JsonValue };
  else if (who < 0.5) payload.user = { id: rng.pick([...cast.outsiders, ...cast.participants]) };
  const user = userOf(payload);
  const slackShaped = typeof user === 'string' && /^[UW][A-Z0-9]{2,30}$/.test(user);
  if (!isObject(payload.view)) return;
  if (rng.chance(0.3)) payload.view.callback_id = rng.chance(0.75) ? rng.pick(REAL_CALLBACKS) : junkString(rng);
  if (slackShaped || rng.chance(0.5)) payload.view.private_metadata = rng.chance(0.8) ? junkString(rng) : junkValue(rng);
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function interactive(kind: string, payload: JsonValue): Garbage {
  return { kind, body: form({ payload: JSON.stringify(payload) }), contentType: FORM, headers: {} };
}

/** A mutated copy of a real click, submission, command or event. */
function mutated(rng: Rng, template: Template, cast: Cast): Garbage | undefined {
  const params = template.contentType === FORM ? new URLSearchParams(template.body) : undefined;
  if (params?.has('payload')) {
    const payload = JSON.parse(params.get('payload') ?? '{}') as JsonObject;
    // Capabilities of a real request are never reused: they would act for the person who made it.
    const submission = payload.type === 'view_submission';
    payload.trigger_id = junkString(rng).slice(0, 30);
    payload.response_url = rng.pick(['not a url', 'http://127.0.0.1:9/nothing', junkString(rng).slice(0, 30)]);
    for (let i = rng.int(3); i > 0; i -= 1) poke(rng, payload);
    if (submission) breakSubmission(rng, payload, cast);
    else breakClick(rng, payload, cast);
    return interactive(submission ? 'mutated view_submission' : 'mutated block_actions', payload);
  }
  if (params) {
    const fields = Object.fromEntries(params.entries());
    fields.trigger_id = junkString(rng).slice(0, 30);
    fields.response_url = 'http://127.0.0.1:9/nothing';
    for (let i = 1 + rng.int(3); i > 0; i -= 1) {
      const key = rng.pick([...Object.keys(fields), 'text', 'user_id', 'channel_id', 'command']);
      if (rng.chance(0.2)) delete fields[key];
      else fields[key] = rng.chance(0.3) ? rng.pick(['new', 'list', 'help', 'new agile', '']) : junkString(rng);
    }
    return { kind: 'mutated command', body: form(fields), contentType: FORM, headers: {} };
  }
  const envelope = JSON.parse(template.body) as JsonObject;
  for (let i = 1 + rng.int(3); i > 0; i -= 1) poke(rng, envelope);
  return { kind: 'mutated event', body: JSON.stringify(envelope), contentType: JSON_TYPE, headers: {} };
}

/** Modal fields the bot reads (and some it does not), filled with junk of the right shape or the wrong one. */
function junkState(rng: Rng): JsonObject {
  const values: JsonObject = {};
  for (let i = 1 + rng.int(3); i > 0; i -= 1) {
    const field = rng.pick(['text', 'useful', 'what', 'agree', 'minutes', 'hours', 'remark', 'people', junkString(rng).slice(0, 20)]);
    const element: JsonObject = { type: rng.pick(['plain_text_input', 'radio_buttons', 'checkboxes', 'number_input', 'multi_users_select']) };
    element[rng.pick(['value', 'selected_option', 'selected_options', 'selected_users'])] = rng.chance(0.5) ? junkString(rng) : junkValue(rng);
    values[field] = { [field]: element };
  }
  return values;
}

/** The workspace, as Slack names it in every request. */
const TEAM = 'T0DEMO';

/** Mostly the real workspace, so most invented requests reach the listeners; sometimes none, or junk, for the request guard. */
function aTeam(rng: Rng): JsonValue {
  if (rng.chance(0.85)) return { id: TEAM };
  return rng.pick<JsonValue>([null, { id: junkString(rng) }, junkValue(rng)]);
}

function anyUser(rng: Rng, cast: Cast): JsonValue {
  return rng.pick([...cast.outsiders, ...INVALID_USERS, ...cast.participants]) as JsonValue;
}

/** A request made up from nothing but Slack's vocabulary and junk. */
function invented(rng: Rng, cast: Cast): Garbage {
  switch (rng.int(6)) {
    case 0: {
      const action: JsonObject = { type: rng.pick(['button', 'overflow', 'multi_static_select', junkString(rng)]), action_id: rng.chance(0.85) ? rng.pick(REAL_ACTIONS) : junkString(rng), value: junkString(rng) };
      if (rng.chance(0.3)) action.selected_option = junkValue(rng);
      const payload: JsonObject = { type: 'block_actions', user: { id: anyUser(rng, cast) }, team: aTeam(rng), actions: [action], trigger_id: junkString(rng).slice(0, 20) };
      if (rng.chance(0.5)) payload.container = { type: 'message', channel_id: cast.channel, message_ts: cast.thread() ?? '1.1', thread_ts: cast.thread() ?? null };
      if (rng.chance(0.3)) payload.state = { values: { [junkString(rng).slice(0, 20)]: { [ACTIONS.pick]: junkValue(rng) } } };
      if (rng.chance(0.2)) poke(rng, payload);
      return interactive('invented block_actions', payload);
    }
    case 1: {
      const view: JsonObject = { id: `V${rng.int(1e6)}`, callback_id: rng.chance(0.85) ? rng.pick(REAL_CALLBACKS) : junkString(rng), private_metadata: junkString(rng), state: { values: rng.chance(0.6) ? junkState(rng) : junkValue(rng) } };
      if (rng.chance(0.3)) view.blocks = [{ type: 'input', block_id: junkString(rng).slice(0, 20) }];
      const payload: JsonObject = { type: rng.chance(0.85) ? 'view_submission' : 'view_closed', user: { id: anyUser(rng, cast) }, team: aTeam(rng), view };
      if (rng.chance(0.2)) poke(rng, payload);
      return interactive('invented view', payload);
    }
    case 2: {
      const fields: Record<string, string> = { command: rng.chance(0.9) ? '/intervision' : junkString(rng), text: rng.chance(0.5) ? rng.pick(['new', 'list', 'help', 'new nothing', 'list me']) : junkString(rng) };
      if (rng.chance(0.9)) fields.user_id = String(anyUser(rng, cast));
      if (rng.chance(0.9)) fields.channel_id = rng.pick([cast.channel, 'C0RANDOM', 'D0NOPE', junkString(rng)]);
      if (rng.chance(0.9)) fields.team_id = rng.chance(0.9) ? TEAM : junkString(rng);
      if (rng.chance(0.5)) fields.trigger_id = junkString(rng).slice(0, 20);
      if (rng.chance(0.5)) fields.response_url = 'http://127.0.0.1:9/nothing';
      return { kind: 'invented command', body: form(fields), contentType: FORM, headers: {} };
    }
    case 3: {
      const event: JsonObject = { type: rng.pick(['message', 'app_home_opened', 'app_mention', 'member_joined_channel', junkString(rng)]), user: anyUser(rng, cast), channel: rng.pick([cast.channel, junkString(rng)]), text: junkString(rng), ts: `${rng.int(1e9)}.000100` };
      if (rng.chance(0.6)) event.thread_ts = cast.thread() ?? junkString(rng);
      if (rng.chance(0.3)) poke(rng, event);
      const envelope: JsonObject = { type: rng.chance(0.9) ? 'event_callback' : junkString(rng), team_id: TEAM, api_app_id: 'A0INTERV', event, event_id: `Ev${rng.int(1e9)}`, event_time: rng.int(2e9) };
      if (rng.chance(0.2)) poke(rng, envelope);
      // Header values must be bytes a client can send at all.
      const headers: Record<string, string> = rng.chance(0.2) ? { 'x-slack-retry-num': String(rng.int(5) - 1), 'x-slack-retry-reason': junkString(rng).replace(/[^\x20-\x7e]/g, '?').slice(0, 40) } : {};
      return { kind: 'invented event', body: JSON.stringify(envelope), contentType: JSON_TYPE, headers };
    }
    case 4:
      return interactive('invented payload', junkValue(rng));
    default:
      return raw(rng);
  }
}

/** Bodies that are not what they claim to be. */
function raw(rng: Rng): Garbage {
  const bodies: Array<[string, string]> = [
    ['', FORM],
    ['', JSON_TYPE],
    [form({ payload: junkString(rng) }), FORM],
    [form({ payload: '{"type":"block_actions"' }), FORM],
    ['payload=null', FORM],
    ['payload=%5B%5D', FORM],
    ['null', JSON_TYPE],
    ['[1,2,3]', JSON_TYPE],
    [`{"type":"event_callback","event":${'['.repeat(2000)}${']'.repeat(2000)}}`, JSON_TYPE],
    [junkString(rng), 'text/plain'],
    [`{"type":"url_verification","challenge":"${rng.int(1e9)}"}`, JSON_TYPE],
    ['ssl_check=1&token=x', FORM],
    [JSON.stringify({ type: 'block_actions', user: { id: 'U0ALICE' } }), JSON_TYPE],
    [`${'a='.repeat(20_000)}`, FORM],
  ];
  const [body, contentType] = rng.pick(bodies);
  return { kind: 'raw', body, contentType, headers: {} };
}

/** The next piece of garbage: a mutated real request half the time (when there are any), invented otherwise. */
export function nextGarbage(rng: Rng, templates: readonly Template[], cast: Cast): Garbage {
  if (templates.length > 0 && rng.chance(0.5)) {
    const made = mutated(rng, rng.pick(templates), cast);
    if (made) return made;
  }
  return invented(rng, cast);
}
