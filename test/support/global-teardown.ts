/** Stops the redis-server and the cluster that global setup started (if it started them) and removes the hand-over files. */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { SPAWNED_CLUSTER, SPAWNED_REDIS } from './global-setup';
import { clusterHandOverFile, handOverFile } from './redis';
import type { LocalCluster } from './redis-cluster';

/** Jest global teardown. */
export default async function globalTeardown(): Promise<void> {
  rmSync(handOverFile(process.pid), { force: true });
  rmSync(clusterHandOverFile(process.pid), { force: true });
  await (globalThis as typeof globalThis & { [SPAWNED_CLUSTER]?: LocalCluster })[SPAWNED_CLUSTER]?.stop();
  const child = (globalThis as typeof globalThis & { [SPAWNED_REDIS]?: ChildProcess })[SPAWNED_REDIS];
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
