/**
 * Where each workspace's installation of the bot is kept when workspaces
 * install it themselves (OAuth): Redis when REDIS_URL is set, else memory
 * (one instance), like the sessions. The store knows no Slack: an
 * installation is a JSON object it keeps encrypted (installation-crypto.ts)
 * under the workspace's id; the Slack side (src/slack/install) reads its shape.
 */
import { InstallationSealer, type TokenKeys } from './installation-crypto';

/** Sealed installations by workspace id: the raw backend (Redis or memory). */
export interface SealedRecords {
  get(workspace: string): Promise<string | null>;
  set(workspace: string, sealed: string): Promise<void>;
  delete(workspace: string): Promise<void>;
}

/** One instance's installations in process memory: a restart loses them (every workspace must install again). */
export class MemorySealedRecords implements SealedRecords {
  private readonly records = new Map<string, string>();

  async get(workspace: string): Promise<string | null> {
    return this.records.get(workspace) ?? null;
  }

  async set(workspace: string, sealed: string): Promise<void> {
    this.records.set(workspace, sealed);
  }

  async delete(workspace: string): Promise<void> {
    this.records.delete(workspace);
  }
}

/** Installations by workspace id, encrypted at rest, as JSON values. */
export class InstallationRecords {
  private readonly sealer: InstallationSealer;

  constructor(
    private readonly records: SealedRecords,
    keys: TokenKeys,
  ) {
    this.sealer = new InstallationSealer(keys);
  }

  /** The id of the key installations are written with (for the start-up log; names the key without revealing it). */
  get keyId(): string {
    return this.sealer.keyId;
  }

  /** Stores (or replaces) the workspace's installation, encrypted. */
  async save(workspace: string, installation: object): Promise<void> {
    await this.records.set(workspace, this.sealer.seal(workspace, JSON.stringify(installation)));
  }

  /**
   * The workspace's installation, or undefined when it has none. One written
   * with a previous key is written again with the current one, so a key
   * rotation completes as each workspace is next heard from.
   */
  async load(workspace: string): Promise<unknown> {
    const sealed = await this.records.get(workspace);
    if (sealed === null) return undefined;
    const { plain, stale } = this.sealer.open(workspace, sealed);
    const installation: unknown = JSON.parse(plain);
    if (stale) await this.records.set(workspace, this.sealer.seal(workspace, plain));
    return installation;
  }

  /** Forgets the workspace's installation (uninstalled, or its tokens revoked). */
  async remove(workspace: string): Promise<void> {
    await this.records.delete(workspace);
  }
}
