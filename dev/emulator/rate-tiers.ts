/**
 * Slack's rate-limit tiers for the methods the bot uses (from
 * /work/shared/slack-platform.md; the conversations.create/invite/kick/archive
 * tiers from each method's page on docs.slack.dev). Tests compare the emulator's
 * callsPerMinute(method) against these to catch a chatty bot before Slack does.
 */

export interface RateTier {
  tier: 'special' | 1 | 2 | 3 | 4;
  /** Calls per minute Slack allows in a sustained way (the "+" in "50+" is headroom we do not count on). */
  perMinute: number;
  note?: string;
}

/** The tier table, by Web API method. */
export const RATE_TIERS: Readonly<Record<string, RateTier>> = {
  'chat.postMessage': { tier: 'special', perMinute: 60, note: 'about 1 message per second per channel, short bursts allowed' },
  'chat.update': { tier: 3, perMinute: 50 },
  'chat.delete': { tier: 3, perMinute: 50 },
  'chat.postEphemeral': { tier: 4, perMinute: 100 },
  'chat.getPermalink': { tier: 'special', perMinute: 100, note: 'Slack lists it as special; assume Tier 4' },
  'views.open': { tier: 4, perMinute: 100 },
  'views.update': { tier: 4, perMinute: 100 },
  'views.push': { tier: 4, perMinute: 100 },
  'views.publish': { tier: 4, perMinute: 100 },
  'conversations.members': { tier: 4, perMinute: 100 },
  'conversations.open': { tier: 4, perMinute: 100 },
  'conversations.info': { tier: 3, perMinute: 50 },
  'conversations.history': { tier: 3, perMinute: 50 },
  'conversations.replies': { tier: 3, perMinute: 50 },
  'conversations.create': { tier: 2, perMinute: 20 },
  'conversations.invite': { tier: 3, perMinute: 50 },
  'conversations.kick': { tier: 3, perMinute: 50 },
  'conversations.archive': { tier: 2, perMinute: 20 },
  'users.info': { tier: 4, perMinute: 100 },
  'users.conversations': { tier: 3, perMinute: 50 },
  'auth.test': { tier: 'special', perMinute: 100, note: 'Slack lists it as special; assume Tier 4' },
};
