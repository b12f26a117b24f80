/**
 * The playground's demo team: a facilitator, a presenter and five members in
 * one channel with the bot. Each person has a time zone of their own, so the
 * page can show how the bot's dates read around the world.
 */
import type { SlackEmulator } from '../emulator';

/** A person of the demo team, as the page shows them. */
export interface DemoPerson {
  id: string;
  /** Slack handle (lower case, no spaces). */
  name: string;
  realName: string;
  /** The two letters on their avatar. */
  initials: string;
  /** Avatar background (a CSS colour). */
  colour: string;
  /** IANA time zone: dates the bot writes are shown to them in it. */
  tz: string;
  /** The role they are meant to try (a suggestion: the new-session modal decides). */
  role: 'facilitator' | 'presenter' | 'member';
}

export const PLAYGROUND_TEAM = { id: 'T0PLAYGRND', name: 'Playground Peers', domain: 'playground-peers' } as const;

/**
 * The Slack languages the page's language switch offers: the whole demo team
 * is set to one (users.info's `locale`), so the creation form, help and the
 * App Home follow it. The team starts in English.
 */
export const PLAYGROUND_LANGUAGES = [
  { code: 'en', locale: 'en-US', name: 'English' },
  { code: 'de', locale: 'de-DE', name: 'Deutsch' },
  { code: 'nl', locale: 'nl-NL', name: 'Nederlands' },
] as const;
export type PlaygroundLanguage = (typeof PLAYGROUND_LANGUAGES)[number]['code'];
export const PLAYGROUND_BOT = { userId: 'U0BOT', name: 'intervision', botId: 'B0BOT', appId: 'A0INTERV' } as const;
export const PLAYGROUND_CHANNEL = { id: 'C0PLAYGRND', name: 'intervision-playground' } as const;

/** The seven people, facilitator first. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'U0FEMKE', name: 'femke', realName: 'Femke de Vries', initials: 'FV', colour: '#2b6cb0', tz: 'Europe/Amsterdam', role: 'facilitator' },
  { id: 'U0PRIYA', name: 'priya', realName: 'Priya Natarajan', initials: 'PN', colour: '#b83280', tz: 'Asia/Kolkata', role: 'presenter' },
  { id: 'U0MATEO', name: 'mateo', realName: 'Mateo García', initials: 'MG', colour: '#2f855a', tz: 'America/Mexico_City', role: 'member' },
  { id: 'U0AMARA', name: 'amara', realName: 'Amara Okafor', initials: 'AO', colour: '#c05621', tz: 'Africa/Lagos', role: 'member' },
  { id: 'U0JONAS', name: 'jonas', realName: 'Jonas Berg', initials: 'JB', colour: '#6b46c1', tz: 'Europe/Oslo', role: 'member' },
  { id: 'U0HANA', name: 'hana', realName: 'Hana Sato', initials: 'HS', colour: '#00838f', tz: 'Asia/Tokyo', role: 'member' },
  { id: 'U0LIAM', name: 'liam', realName: 'Liam Walsh', initials: 'LW', colour: '#9b2c2c', tz: 'America/New_York', role: 'member' },
];

/** The demo person with this id, if any. */
export function demoPerson(id: string): DemoPerson | undefined {
  return DEMO_PEOPLE.find((p) => p.id === id);
}

/** Fills the emulator with the demo team and #intervision-playground (everyone and the bot in it). */
export function seedPlayground(emulator: SlackEmulator): void {
  for (const p of DEMO_PEOPLE) emulator.addUser({ id: p.id, name: p.name, real_name: p.realName, tz: p.tz, locale: PLAYGROUND_LANGUAGES[0].locale });
  emulator.addChannel({ ...PLAYGROUND_CHANNEL, members: [...DEMO_PEOPLE.map((p) => p.id), PLAYGROUND_BOT.userId] });
  emulator.defaultChannel = PLAYGROUND_CHANNEL.id;
}
