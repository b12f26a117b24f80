import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { z } from 'zod';
import type { InstallationRecords } from '../../store/installations';

/**
 * Bolt's installation store (@slack/oauth's InstallationStore) on the bot's
 * own: each workspace's installation, encrypted at rest, under its team id
 * (src/store/installations.ts). Bolt's installer writes it after the install
 * flow and again after each token refresh; its authorize reads it for every
 * request and for every effect run in the background (workspace-access.ts).
 * Installations for a whole Enterprise Grid organization are refused (see
 * oauth.ts): every workspace installs the bot for itself.
 */

/** The workspace has no installation (never installed, uninstalled, or its tokens revoked). */
export class NotInstalledError extends Error {
  override readonly name = 'NotInstalledError';
  readonly code = 'not_installed';
}

/** What is read back: Bolt's Installation, as much of it as the bot needs to rely on. */
const storedInstallation = z.looseObject({
  team: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
  enterprise: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  user: z.looseObject({ id: z.string(), token: z.string().optional(), scopes: z.array(z.string()).optional() }),
  bot: z.looseObject({
    token: z.string().min(1),
    refreshToken: z.string().optional(),
    expiresAt: z.number().optional(),
    scopes: z.array(z.string()),
    id: z.string(),
    userId: z.string(),
  }),
  isEnterpriseInstall: z.literal(false).optional(),
  authVersion: z.literal('v2').optional(),
  appId: z.string().optional(),
  tokenType: z.literal('bot').optional(),
});

/** The workspace an installation is for; throws for an organization-wide one, which is never stored. */
export function workspaceOf(installation: Installation<'v1' | 'v2', boolean>): string {
  const team = installation.team?.id;
  if (installation.isEnterpriseInstall || !team) throw new Error('installations for a whole Enterprise Grid organization are not supported');
  return team;
}

/** Bolt's InstallationStore over the encrypted installation records. */
export class EncryptedInstallationStore implements InstallationStore {
  constructor(private readonly records: InstallationRecords) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    if (!installation.bot?.token) throw new Error('the installation has no bot token');
    await this.records.save(workspaceOf(installation), installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const team = query.isEnterpriseInstall ? undefined : query.teamId;
    const stored = team ? await this.records.load(team) : undefined;
    if (!team || stored === undefined) throw new NotInstalledError('this workspace has not installed the bot');
    const parsed = storedInstallation.safeParse(stored);
    // Names no field's value: the record holds tokens.
    if (!parsed.success) throw new Error('the stored installation has an unexpected shape');
    const { user } = parsed.data;
    return {
      ...parsed.data,
      enterprise: parsed.data.enterprise,
      user: { ...user, token: user.token, scopes: user.scopes },
      isEnterpriseInstall: false,
      authVersion: 'v2',
    };
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (query.teamId) await this.records.remove(query.teamId);
  }
}

/** True when `error` (or one Bolt wrapped it in) says the workspace has no installation. */
export function isNotInstalled(error: unknown, depth = 0): boolean {
  if (error instanceof NotInstalledError) return true;
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { original, cause } = error as { original?: unknown; cause?: unknown };
  return isNotInstalled(original, depth + 1) || isNotInstalled(cause, depth + 1);
}
