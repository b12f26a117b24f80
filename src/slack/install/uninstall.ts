import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Logger } from 'pino';
import { z } from 'zod';
import { describeError } from '../slack-errors';
import type { WorkspaceAccess } from './workspace-access';

/**
 * A workspace removes the bot (app_uninstalled), or revokes its bot token
 * (tokens_revoked with a bot user among the tokens): its tokens stop working
 * at once. The bot forgets the installation, then closes every session of
 * that workspace and drops what it stored of them. Their messages cannot be
 * deleted any more (no token can reach that Slack), which docs/privacy.md
 * says. Both events are signed by Slack like any other; a repeat finds
 * nothing left to do.
 */

export interface UninstallDeps {
  /** Closes every session of the workspace and drops their stored data (SessionService.forgetWorkspace). */
  forgetSessions(team: string): Promise<number>;
  installationStore: InstallationStore;
  access: WorkspaceAccess;
  logger: Logger;
}

/** tokens_revoked: whose tokens; only the bot's matter (the bot asks for no user tokens). */
const revoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).loose() }).loose();

/**
 * Waits before each new attempt: Slack acks these events at once and never
 * sends them again, so a store that is briefly away is waited for here.
 */
const RETRY_DELAYS_MS = [1_000, 3_000, 10_000];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Forgets a workspace: its installation first (nothing more reaches it), then its sessions. */
async function forget(deps: UninstallDeps, team: string | undefined, enterprise: string | undefined, event: string): Promise<void> {
  if (!team) return;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await deps.installationStore.deleteInstallation?.({ teamId: team, enterpriseId: enterprise, isEnterpriseInstall: false });
      deps.access.forget(team);
      const sessions = await deps.forgetSessions(team);
      deps.logger.info({ team, event, sessions }, 'a workspace removed the bot: installation and sessions forgotten');
      return;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      deps.logger.error({ team, event, error: describeError(error), retrying: delay !== undefined }, 'could not forget a workspace that removed the bot');
      if (delay === undefined) return;
      await sleep(delay);
    }
  }
}

/** Registers the two events that end a workspace's installation. */
export function registerUninstall(app: App, deps: UninstallDeps): void {
  app.event('app_uninstalled', async ({ context }) => {
    await forget(deps, context.teamId, context.enterpriseId, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    const parsed = revoked.safeParse(event);
    if (!parsed.success || (parsed.data.tokens.bot ?? []).length === 0) return;
    await forget(deps, context.teamId, context.enterpriseId, 'tokens_revoked');
  });
}
