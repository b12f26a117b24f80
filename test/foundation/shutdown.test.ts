import { EventEmitter } from 'node:events';
import { InFlight, installShutdown, type ProcessLike } from '../../src/shutdown';
import { capturedLogger } from '../support/log';

const quietLogger = () => capturedLogger('info').logger;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A stand-in process: signals are emitted by the test, exits are recorded. */
function fakeProcess(): { target: ProcessLike & EventEmitter; exits: number[]; exit: (code: number) => void } {
  const exits: number[] = [];
  return { target: new EventEmitter() as ProcessLike & EventEmitter, exits, exit: (code) => exits.push(code) };
}

describe('work in flight', () => {
  it('is idle only once every tracked piece of work has settled, including work that failed', async () => {
    const inFlight = new InFlight();
    const first = deferred();
    const failing = Promise.reject(new Error('a listener failed'));
    void inFlight.track(first.promise);
    inFlight.track(failing).catch(() => undefined);
    let idle = false;
    const waiting = inFlight.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    expect(inFlight.size).toBe(1);
    first.resolve();
    await waiting;
    expect(inFlight.size).toBe(0);
  });
});

describe('stopping the process', () => {
  it('on SIGTERM, stops and exits 0', async () => {
    const { target, exits, exit } = fakeProcess();
    let stops = 0;
    installShutdown({ logger: quietLogger(), stop: async () => void (stops += 1), exit, target, timeoutMs: 1000 });
    target.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when stopping takes longer than the time limit', async () => {
    const { target, exits, exit } = fakeProcess();
    const never = deferred();
    installShutdown({ logger: quietLogger(), stop: () => never.promise, exit, target, timeoutMs: 50 });
    target.emit('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exits).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exits).toEqual([1]);
    never.resolve();
  });

  it('exits at once on a second signal while stopping', async () => {
    const { target, exits, exit } = fakeProcess();
    const slow = deferred();
    installShutdown({ logger: quietLogger(), stop: () => slow.promise, exit, target, timeoutMs: 1000 });
    target.emit('SIGINT');
    target.emit('SIGINT');
    expect(exits).toEqual([1]);
    slow.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('logs a stray promise rejection and keeps running', () => {
    const { target, exits, exit } = fakeProcess();
    const { logger, lines } = capturedLogger('info');
    installShutdown({ logger, stop: async () => undefined, exit, target });
    target.emit('unhandledRejection', new TypeError('something was undefined'));
    expect(exits).toEqual([]);
    expect(lines.join('')).toContain('unhandled promise rejection');
    expect(lines.join('')).toContain('"type":"TypeError"');
  });

  it('after an uncaught exception, stops and exits 1', async () => {
    const { target, exits, exit } = fakeProcess();
    let stops = 0;
    installShutdown({ logger: quietLogger(), stop: async () => void (stops += 1), exit, target, timeoutMs: 1000 });
    target.emit('uncaughtException', new RangeError('out of range'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stops).toBe(1);
    expect(exits).toEqual([1]);
  });
});
