/**
 * A reaper for the processes a test starts (bot processes, a redis-server):
 * a tiny node process that holds their pids and SIGKILLs them when the test
 * process goes away without stopping them (a Jest timeout, a crash, a
 * signal), so none is left reconnecting to nothing on a shared machine.
 * Listeners a test adds to `process` never hear of the real process's end
 * (Jest gives each test file a copy of `process`), so the reaper watches
 * instead: its stdin ends when the test process does.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const SCRIPT = `
const pids = new Set();
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  for (let i = buffered.indexOf('\\n'); i >= 0; i = buffered.indexOf('\\n')) {
    const [op, pid] = buffered.slice(0, i).split(' ');
    buffered = buffered.slice(i + 1);
    if (op === 'done') process.exit(0);
    if (op === '+') pids.add(Number(pid));
    if (op === '-') pids.delete(Number(pid));
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
`;

let reaper: ChildProcess | undefined;

function tell(line: string): void {
  if (!reaper) {
    reaper = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'] });
    reaper.unref();
    (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
  reaper.stdin?.write(`${line}\n`);
}

/** Has `child` killed if the test process ends while it still runs. */
export function reapWithTest(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  tell(`+ ${pid}`);
  child.once('exit', () => {
    if (reaper?.stdin?.writable) tell(`- ${pid}`);
  });
}

/** The test stopped its processes itself: the reaper leaves. */
export function dismissReaper(): void {
  reaper?.stdin?.end('done\n');
  reaper = undefined;
}
