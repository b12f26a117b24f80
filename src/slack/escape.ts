/**
 * Strings for Slack: escaping user-written text, mentions and dates, and the
 * guards that keep every string inside its Block Kit limit. Pure functions.
 *
 * Lengths are measured in UTF-16 code units (what `.length` and most checkers
 * count), and cuts never split a code point, an entity (`&amp;`) or a Slack
 * token (`<@U1>`, `<!date^…>`), so a clipped string still renders correctly.
 */

/** Block Kit limits the renderers respect (see /work/shared/slack-platform.md). */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  options: 100,
  optionText: 75,
  /** Slack allows 150 for option values; 75 keeps overflow values safe everywhere. */
  optionValue: 75,
  optionDescription: 75,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  id: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  plainTextInput: 3000,
  /** Slack truncates `text` past 40,000; notifications only need a line. */
  messageText: 3000,
  /** Total text across a message's blocks: Slack can reject near 13k (`msg_blocks_too_long`). */
  messageBlockText: 11000,
} as const;

const ELLIPSIS = '…';

/** Escapes &, < and > so user text can never mention, ping @channel, or fake a link. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A user mention `<@U…>`; an id that is not a Slack user id is shown escaped instead. */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeText(userId);
}

/** Mentions joined with commas ("<@U1>, <@U2>"), or `none` ("nobody", in the reader's language) when the list is empty. */
export function mentions(userIds: readonly string[], none: string): string {
  return userIds.length === 0 ? none : userIds.map(mention).join(', ');
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,30}$/;

/** A channel link `<#C…>`; anything else becomes "this channel". */
export function channelLink(channelId: string): string {
  return CHANNEL_ID.test(channelId) ? `<#${channelId}>` : 'this channel';
}

/** An ISO-like UTC fallback for clients that cannot render `<!date>` ("2025-03-04 14:05 UTC"). */
function utcFallback(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * A date every reader sees in their own time zone and locale: `<!date^unix^format|fallback>`
 * (`format` from the catalog where it has words: "{date_short_pretty} at {time}"). The format and fallback are stripped of the characters that would end the token.
 */
export function slackDate(ms: number, format: string, fallback?: string): string {
  const unix = Math.floor(ms / 1000);
  const safeFormat = format.replace(/[\^|<>]/g, '');
  const safeFallback = escapeText((fallback ?? utcFallback(ms)).replace(/[|]/g, '/'));
  return `<!date^${unix}^${safeFormat}|${safeFallback}>`;
}

/** A link `<url|label>` for https URLs we were given by Slack (permalinks); otherwise just the label. */
export function link(url: string, label: string): string {
  const safeLabel = escapeText(label).replace(/\|/g, '/');
  return /^https:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${safeLabel}>` : safeLabel;
}

/** Splits plain text into code points (never halves of a surrogate pair). */
function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * Shortens plain text to at most `n` UTF-16 units, cutting between code points
 * and ending in an ellipsis when something was cut.
 */
export function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  if (n <= 0) return '';
  let out = '';
  for (const cp of codePoints(s)) {
    if (out.length + cp.length + ELLIPSIS.length > n) break;
    out += cp;
  }
  return out + ELLIPSIS;
}

/** Tokens of mrkdwn that must stay whole: `<…>` (mentions, dates, links), entities, code points. */
function mrkdwnTokens(s: string): string[] {
  return s.match(/<[^<>]*>|&(?:amp|lt|gt);|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) ?? [];
}

/**
 * Shortens mrkdwn (escaped text with mentions and dates) to at most `n`
 * units without breaking a token; ends in an ellipsis when something was cut.
 */
export function clip(mrkdwn: string, n: number): string {
  if (mrkdwn.length <= n) return mrkdwn;
  if (n <= 0) return '';
  let out = '';
  for (const token of mrkdwnTokens(mrkdwn)) {
    if (out.length + token.length + ELLIPSIS.length > n) break;
    out += token;
  }
  return out + ELLIPSIS;
}

/** Escapes user text and bounds the escaped result to `n` units (the limit applies to what is sent). */
export function escapeBounded(s: string, n: number): string {
  return clip(escapeText(s), n);
}

/**
 * Splits long mrkdwn into pieces of at most `n` units, preferring to cut at a
 * line break, then at a space, never inside a token. Used for text that must
 * be shown whole (a case story) across several sections.
 */
export function chunk(mrkdwn: string, n: number): string[] {
  if (mrkdwn.length <= n) return [mrkdwn];
  const tokens = mrkdwnTokens(mrkdwn);
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const token of tokens) {
    // Each pass flushes at least one token, so this ends.
    while (current.length > 0 && length + token.length > n) {
      const cut = cutPoint(current);
      pieces.push(current.slice(0, cut).join(''));
      current = current.slice(cut);
      length = current.reduce((sum, t) => sum + t.length, 0);
    }
    current.push(token);
    length += token.length;
  }
  if (current.length > 0) pieces.push(current.join(''));
  return pieces.filter((p) => p.trim().length > 0);
}

/** Where to cut a run of tokens: after a late line break, else after the last space, else at the end. */
function cutPoint(tokens: string[]): number {
  const newline = tokens.lastIndexOf('\n') + 1;
  if (newline > tokens.length / 2) return newline;
  const space = tokens.lastIndexOf(' ') + 1;
  return space > 0 ? space : tokens.length;
}

/** Slack rejects empty text objects: a string that is empty or blank becomes a single space-like dash. */
export function nonEmpty(s: string, fallback = '–'): string {
  return s.trim().length === 0 ? fallback : s;
}
