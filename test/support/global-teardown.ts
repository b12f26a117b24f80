/** Stops the redis-server that global setup started (if it started one) and removes the hand-over file. */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { SPAWNED_REDIS } from './global-setup';
import { handOverFile } from './redis';

/** Jest global teardown. */
export default async function globalTeardown(): Promise<void> {
  rmSync(handOverFile(process.pid), { force: true });
  const child = (globalThis as typeof globalThis & { [SPAWNED_REDIS]?: ChildProcess })[SPAWNED_REDIS];
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
