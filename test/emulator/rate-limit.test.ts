import { ManualClock } from '../../src/clock';
import { RATE_TIERS, SlackEmulator } from '../../dev/emulator';

const post = { channel: 'C0ONE', text: 'hello' };

function emulatorAt(clock: ManualClock, enforce: boolean): SlackEmulator {
  const emulator = new SlackEmulator({ now: () => clock.now(), enforceRateTiers: enforce });
  emulator.addUser({ id: 'U0ALICE', name: 'alice' });
  emulator.addChannel({ id: 'C0ONE', name: 'one', members: ['U0ALICE', 'U0BOT'] });
  emulator.addChannel({ id: 'C0TWO', name: 'two', members: ['U0ALICE', 'U0BOT'] });
  return emulator;
}

describe('rate tiers (optional)', () => {
  it('are not enforced by default', () => {
    const emulator = emulatorAt(new ManualClock(), false);
    for (let i = 0; i < 100; i += 1) expect(emulator.handleApi('chat.postMessage', post, emulator.botToken).status).toBe(200);
  });

  it('answer 429 with Retry-After past a method\'s calls per minute, per channel for chat.postMessage, and lift after the minute', () => {
    const clock = new ManualClock();
    const emulator = emulatorAt(clock, true);
    const limit = RATE_TIERS['chat.postMessage']?.perMinute ?? 0;
    for (let i = 0; i < limit; i += 1) expect(emulator.handleApi('chat.postMessage', post, emulator.botToken).status).toBe(200);
    clock.advance(20_000);
    const refused = emulator.handleApi('chat.postMessage', post, emulator.botToken);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('40');
    expect(emulator.handleApi('chat.postMessage', { ...post, channel: 'C0TWO' }, emulator.botToken).status).toBe(200);
    clock.advance(40_000);
    expect(emulator.handleApi('chat.postMessage', post, emulator.botToken).status).toBe(200);
    expect(emulator.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });

  it('can be switched on and off', () => {
    const emulator = emulatorAt(new ManualClock(), false);
    emulator.rateTiers.enforce();
    const limit = RATE_TIERS['users.info']?.perMinute ?? 0;
    const statuses = Array.from({ length: limit + 1 }, () => emulator.handleApi('users.info', { user: 'U0ALICE' }, emulator.botToken).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    emulator.rateTiers.enforce(false);
    expect(emulator.handleApi('users.info', { user: 'U0ALICE' }, emulator.botToken).status).toBe(200);
  });
});
