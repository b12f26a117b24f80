import { z } from 'zod';

/**
 * What Bolt reads from a request body before any listener runs, and so
 * before anything of ours can catch a mistake: it sorts the body into an
 * event, a slash command or an interaction, then reads `user.id`,
 * `team.id`, `channel.id`, `actions[0]`, `view.callback_id` or the event's
 * `user` and `channel` without checking they are there. A signed body where
 * one of those is missing or of the wrong kind made it answer 500 (or hold
 * the request for 3 s and answer 404). Slack never sends such a body, so the
 * request guard answers it 400 instead; what a listener reads beyond this is
 * still parsed by the listener itself (listeners/support/payloads.ts).
 *
 * The sorting follows Bolt's own (getTypeAndConversation in @slack/bolt's
 * helpers), in the same order, so a body is judged as what Bolt would take
 * it for.
 */

/** The kinds of body, for the log: never any of the body's own text. */
export type BodyKind = 'event' | 'command' | 'options' | 'actions' | 'shortcut' | 'view' | 'unknown';

const object = z.looseObject({});
const someId = z.string().min(1).max(255);
/**
 * A workspace or organisation id (T…, E…). Bolt keeps its clients in an
 * object keyed by it, so one such as `__proto__` would make it throw.
 */
const teamId = z.string().regex(/^[A-Z][A-Z0-9]{1,39}$/);
/** Where Bolt takes an empty one for none. */
const teamIdOrEmpty = z.union([z.literal(''), teamId]);

/** Fields every interactive payload carries (Bolt reads `user.id`, `team.id` or `user.team_id`, `channel.id`, `enterprise.id`). */
const interaction = z.looseObject({
  type: z.string().min(1),
  user: z.looseObject({ id: someId, team_id: teamId.optional() }),
  // null for an app installed org-wide; absent never.
  team: z.looseObject({ id: teamId, enterprise_id: teamId.nullish() }).nullable(),
  enterprise: z.looseObject({ id: teamId.optional() }).nullish(),
  channel: object.optional(),
  response_url: z.string().optional(),
  response_urls: z.array(object).optional(),
});

const blockActions = interaction.extend({
  actions: z.array(z.looseObject({ action_id: someId, block_id: z.string().optional() })).min(1),
  view: z.looseObject({ id: someId }).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), object)) }).optional(),
});

/** A modal as view_submission and view_closed carry it: its id, callback and what was filled in. */
const view = z.looseObject({
  id: someId,
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  blocks: z.array(object).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), object)) }),
});

const viewAction = interaction.extend({ view: view.extend({ app_installed_team_id: teamIdOrEmpty.nullish() }) });

/** An Events API envelope: Bolt reads the event's `user` (an id, or an object with one), `channel`, `item` and `subteam`. */
const envelope = z.looseObject({
  type: z.string().min(1),
  team_id: teamId,
  enterprise_id: teamId.nullish(),
  authorizations: z.array(z.looseObject({ team_id: teamId.nullish(), enterprise_id: teamId.nullish() })).optional(),
  event: z.looseObject({
    type: z.string().min(1),
    user: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).optional(),
    channel: z.union([z.string(), object]).optional(),
    item: object.optional(),
    subteam: object.optional(),
  }),
});

/** A slash command's form fields (each once: a field sent twice parses to a list). */
const command = z.looseObject({
  command: z.string().min(1),
  user_id: someId,
  channel_id: someId,
  team_id: teamId,
  enterprise_id: teamIdOrEmpty.optional(),
  text: z.string().optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});

const legacyAction = interaction.extend({ actions: z.array(object).min(1).optional() });

type Body = Record<string, unknown>;

/** Which kind Bolt takes the body for, and the schema it must meet; undefined when Bolt answers it without routing. */
function kindOf(body: Body): { kind: BodyKind; schema: z.ZodType } | undefined {
  const { type } = body;
  if (body.ssl_check === '1' || type === 'url_verification' || type === 'app_rate_limited') return undefined;
  if (body.event !== undefined) return { kind: 'event', schema: envelope };
  if (body.command !== undefined) return { kind: 'command', schema: command };
  if (body.name !== undefined || type === 'block_suggestion') return { kind: 'options', schema: interaction };
  if (body.actions !== undefined || type === 'dialog_submission') {
    return { kind: 'actions', schema: type === 'block_actions' ? blockActions : legacyAction };
  }
  if (type === 'shortcut' || type === 'message_action') return { kind: 'shortcut', schema: interaction };
  if (type === 'view_submission' || type === 'view_closed') return { kind: 'view', schema: viewAction };
  return { kind: 'unknown', schema: z.never() };
}

/** The kind of request a parsed body is (for the log and the metrics); "unknown" for what Bolt answers without routing. */
export function bodyKind(body: unknown): BodyKind {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'unknown';
  return kindOf(body as Body)?.kind ?? 'unknown';
}

/**
 * Whether Bolt can take this parsed body without tripping over it: undefined
 * when it can, else the kind of body it was taken for (for the log).
 */
export function brokenShape(body: unknown): BodyKind | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'unknown';
  const found = kindOf(body as Body);
  if (!found) return undefined;
  return found.schema.safeParse(body).success ? undefined : found.kind;
}
