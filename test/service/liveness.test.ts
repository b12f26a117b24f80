import { createLogger } from '../../src/logger';
import { Liveness } from '../../src/service/liveness';
import type { Beat, InstanceRegistry } from '../../src/store/instances';

/**
 * An instance's view of the others. Its registry here answers as scripted, so
 * each rule shows on its own: who may be taken for dead, and when this
 * instance does not trust its own view.
 */

const quiet = createLogger('silent');
const describeError = (error: unknown) => ({ name: error instanceof Error ? error.name : 'unknown' });

/** Answers each beat with the next scripted answer (an Error is thrown); the last one repeats. */
class ScriptedRegistry implements InstanceRegistry {
  constructor(private readonly answers: Array<Beat | Error>) {}

  async beat(): Promise<Beat> {
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (!answer) throw new Error('no answer scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  }

  async leave(): Promise<void> {}
}

function liveness(answers: Array<Beat | Error>, graceMs = 60_000) {
  const changes: string[] = [];
  const live = new Liveness({
    registry: new ScriptedRegistry(answers),
    instanceId: 'me',
    logger: quiet,
    describeError,
    onChange: (why) => changes.push(why),
    timing: { beatMs: 60_000, windowMs: 2000, graceMs },
  });
  return { live, changes };
}

it('a process that has just started judges at its first beat: that is how a restart takes over the process before it', async () => {
  const { live, changes } = liveness([{ steady: false, silent: ['old'] }]);
  await live.beat();
  expect(live.takeable()).toEqual(['old']);
  expect(changes).toEqual(['silent']);
});

it('after a gap of its own (a stalled process), an instance names nobody until it is steady again', async () => {
  const { live, changes } = liveness([{ steady: true, silent: [] }, { steady: false, silent: ['b'] }, { steady: true, silent: ['b'] }]);
  await live.beat();
  await live.beat();
  expect(live.takeable()).toEqual([]);
  await live.beat();
  expect(live.takeable()).toEqual(['b']);
  expect(changes).toEqual(['silent']);
});

it('an instance that stays silent is announced once; one beating again is no longer takeable', async () => {
  const { live, changes } = liveness([{ steady: true, silent: ['b'] }, { steady: true, silent: ['b'] }, { steady: true, silent: [] }]);
  await live.beat();
  await live.beat();
  expect(changes).toEqual(['silent']);
  await live.beat();
  expect(live.takeable()).toEqual([]);
});

it('after the store was away, it says so (work held up can run again) and judges nobody for the grace period', async () => {
  const away = new Error('Connection is closed.');
  const { live, changes } = liveness([{ steady: true, silent: [] }, away, { steady: true, silent: ['b'] }]);
  await live.beat();
  await live.beat();
  expect(live.takeable()).toEqual([]);
  await live.beat();
  // Everyone saw the outage; the others may still be reconnecting.
  expect(changes).toEqual(['store-back']);
  expect(live.takeable()).toEqual([]);
});

it('once the grace period is over, it judges again', async () => {
  const away = new Error('Connection is closed.');
  const { live, changes } = liveness([away, { steady: true, silent: ['b'] }], 30);
  await live.beat();
  await live.beat();
  expect(live.takeable()).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await live.beat();
  expect(live.takeable()).toEqual(['b']);
  expect(changes).toEqual(['store-back', 'silent']);
});
