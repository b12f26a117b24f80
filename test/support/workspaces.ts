/**
 * Two emulated workspaces behind one Slack (dev/emulator/cloud.ts), for an
 * app that any workspace may install: the demo team and a second one with
 * the same channel ids and people's ids (as a shared channel and an
 * Enterprise Grid's people would be), but its own bot user, so nothing can
 * pass from one to the other by id alone.
 */
import { SlackCloud, SlackEmulator, type OAuthAppOptions } from '../../dev/emulator';
import { DEMO, seedDemoWorkspace } from './slack';

export const TEAMS = {
  /** The demo team (DEMO's people and channels), bot user U0BOT. */
  a: { id: DEMO.team, name: 'Demo Peers', domain: 'demo-peers', bot: DEMO.bot },
  /** Another workspace with the same ids for people and channels, bot user U0BOTB. */
  b: { id: 'T0OTHER', name: 'Other Peers', domain: 'other-peers', bot: 'U0BOTB' },
} as const;

export const APP = {
  clientId: '1111111111.2222222222',
  clientSecret: 'emulated-client-secret-0123456789',
  signingSecret: 'emulated-signing-secret-0123456789',
} as const;

/** A workspace seeded with the demo people and channels, its bot user in the demo's channels. */
function workspaceOf(team: (typeof TEAMS)[keyof typeof TEAMS]): SlackEmulator {
  const emulator = new SlackEmulator({
    signingSecret: APP.signingSecret,
    team: { id: team.id, name: team.name, domain: team.domain },
    bot: { userId: team.bot, name: 'intervision', botId: `B${team.bot.slice(1)}`, appId: 'A0INTERV' },
  });
  seedDemoWorkspace(emulator);
  for (const channel of emulator.ws.channels.values()) channel.members = channel.members.map((member) => (member === DEMO.bot ? team.bot : member));
  return emulator;
}

export interface TwoWorkspaces {
  cloud: SlackCloud;
  a: SlackEmulator;
  b: SlackEmulator;
  stop(): Promise<void>;
}

/** Starts Slack with the two workspaces, the app not yet installed in either. */
export async function startTwoWorkspaces(app: Partial<OAuthAppOptions> = {}, options: { orgWideB?: string } = {}): Promise<TwoWorkspaces> {
  const cloud = new SlackCloud({ app: { clientId: APP.clientId, clientSecret: APP.clientSecret, ...app }, signingSecret: APP.signingSecret });
  const a = workspaceOf(TEAMS.a);
  const b = workspaceOf(TEAMS.b);
  cloud.add(a);
  cloud.add(b, options.orgWideB ? { orgWide: options.orgWideB } : {});
  await cloud.listen();
  return { cloud, a, b, stop: () => cloud.close() };
}
