/**
 * The people of bench:http: one channel per session with its own six people
 * (facilitator, presenter, four members), so sessions never share a screen,
 * and what they type (filler of realistic lengths, never printed).
 */
import type { SlackEmulator } from '../../dev/emulator';

/** The people and the place of one session. */
export interface Roster {
  index: number;
  channel: string;
  facilitator: string;
  presenter: string;
  /** Named in the creation form as members (the facilitator takes part too, by the format's default). */
  members: string[];
}

export const MEMBERS_PER_SESSION = 4;

/** Adds a session's channel and people to the workspace. */
export function seedSession(emulator: SlackEmulator, index: number): Roster {
  const tag = index.toString(36).toUpperCase().padStart(4, '0');
  const id = (role: string): string => `UB${tag}${role}`;
  const roster: Roster = {
    index,
    channel: `CB${tag}`,
    facilitator: id('F'),
    presenter: id('P'),
    members: Array.from({ length: MEMBERS_PER_SESSION }, (_, i) => id(`M${i + 1}`)),
  };
  const people = [roster.facilitator, roster.presenter, ...roster.members];
  for (const user of people) emulator.addUser({ id: user, name: user.toLowerCase(), real_name: `Person ${user}`, tz: 'UTC' });
  emulator.addChannel({ id: roster.channel, name: `bench-${tag.toLowerCase()}`, members: [...people, emulator.ws.bot.userId] });
  return roster;
}

const WORDS = ['team', 'retro', 'plan', 'sprint', 'goal', 'talk', 'quiet', 'meeting', 'change', 'trust', 'review', 'week', 'lead', 'ask', 'share'];

/** Filler text of `min`..`max` characters. */
export function filler(min: number, max: number): string {
  const length = min + Math.floor(Math.random() * (max - min + 1));
  let text = '';
  while (text.length < length) text += `${WORDS[Math.floor(Math.random() * WORDS.length)] ?? 'word'} `;
  return text.slice(0, length).trim();
}
