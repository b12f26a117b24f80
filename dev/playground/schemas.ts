/**
 * The bodies the page sends to the playground's JSON API, parsed with zod at
 * the edge: anything else is refused with 400 before it reaches the bot.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);
const short = z.string().max(255);

/** What the person chose in one element: text typed, option value(s), person(s), a date or a conversation. */
export const choiceSchema = z
  .object({
    value: z.string().max(3000).nullable(),
    option: short.nullable(),
    options: z.array(short).max(100),
    user: id.nullable(),
    users: z.array(id).max(100),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    conversation: id.nullable(),
  })
  .partial()
  .strict();
export type Choice = z.infer<typeof choiceSchema>;

/** What the person entered on a surface (a modal, or menus in a message): block_id -> action_id -> choice. */
export const viewValuesSchema = z.record(short, z.record(short, choiceSchema));
export type ViewValues = z.infer<typeof viewValuesSchema>;

/** Where an element is: a message, one of the person's ephemerals, or a view (modal or Home tab). */
export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), channel: id, ts }).strict(),
  z.object({ kind: z.literal('ephemeral'), id }).strict(),
  z.object({ kind: z.literal('view'), viewId: id }).strict(),
]);
export type SourceBody = z.infer<typeof sourceSchema>;

/** POST /api/command: the message box's "/intervision new" in a conversation. */
export const commandBody = z.object({ as: id, text: z.string().min(1).max(4000), channel: id.optional() }).strict();

/** POST /api/action: a click or a choice on an element (a confirm dialog, if any, was confirmed on the page). */
export const actionBody = z
  .object({ as: id, source: sourceSchema, blockId: short, actionId: short, choice: choiceSchema.optional(), values: viewValuesSchema.optional() })
  .strict();

/** POST /api/view/submit: the top modal's submit button, with what the person entered. */
export const submitBody = z.object({ as: id, viewId: id, values: viewValuesSchema.default({}) }).strict();

/** POST /api/view/close: the top modal's close (cancel) button. */
export const closeBody = z.object({ as: id, viewId: id.optional() }).strict();

/** POST /api/thread-reply: a typed message, in a thread (threadTs) or the conversation itself. */
export const replyBody = z.object({ as: id, channel: id, threadTs: ts.optional(), text: z.string().trim().min(1).max(4000) }).strict();

/** POST /api/home/open: the person opens the bot's App Home tab. */
export const homeBody = z.object({ as: id }).strict();

/** POST /api/shortcut: the message box's ⚡ "Start an intervision" (the app's global shortcut), used in a channel or nowhere in particular. */
export const shortcutBody = z.object({ as: id, channel: id.optional() }).strict();

/** POST /api/message/delete: a person deletes a message they typed themselves. */
export const deleteBody = z.object({ as: id, channel: id, ts }).strict();

/** POST /api/clock: move the playground's time forward an hour, a day, to the next deadline or reminder, or to a group's next meeting. */
export const clockBody = z.object({ as: id, move: z.enum(['hour', 'day', 'next', 'meeting']) }).strict();

/** POST /api/language: the demo team's Slack language (the page's language switch). */
export const languageBody = z.object({ as: id, language: z.enum(['en', 'de', 'nl']) }).strict();

/** POST /api/people/deactivate: a person of the workspace is deactivated, as an admin would (Slack tells the app). */
export const deactivateBody = z.object({ as: id, person: id }).strict();
