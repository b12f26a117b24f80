/**
 * The workspaces' installations at rest: their tokens are encrypted with a
 * key of their own (TOKEN_ENCRYPTION_KEY, or one derived from
 * CONTENT_ENCRYPTION_KEY), bound to their workspace, and readable after a key
 * change. Proven on real Redis (every value and DUMP under the prefix) and in
 * memory, with a plain-text control so the search can fail.
 */
import { randomBytes } from 'node:crypto';
import {
  InstallationSealer,
  InstallationUnreadableError,
  deriveTokenKey,
  tokenKeyIdOf,
  tokenKeysFor,
} from '../../src/store/installation-crypto';
import { InstallationRecords, MemorySealedRecords, type SealedRecords } from '../../src/store/installations';
import { RedisSealedRecords } from '../../src/store/redis/installations';
import { everythingUnder, phrasesIn } from '../support/redis-dump';
import { type IsolatedRedis, isolatedRedis } from '../support/redis';

const BOT_TOKEN = `xoxe.xoxb-1-${randomBytes(12).toString('hex')}`;
const REFRESH_TOKEN = `xoxe-1-${randomBytes(12).toString('hex')}`;

/** An installation as Bolt's installer hands it over, with distinctive tokens. */
function installationOf(team: string): object {
  return {
    team: { id: team, name: 'Demo Peers' },
    enterprise: undefined,
    bot: { token: BOT_TOKEN, refreshToken: REFRESH_TOKEN, expiresAt: 1_900_000_000, scopes: ['commands', 'chat:write'], id: 'B0BOT', userId: 'U0BOT' },
    user: { id: 'U0ALICE', token: undefined, scopes: undefined },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

describe('the token key', () => {
  it('is TOKEN_ENCRYPTION_KEY when set, else derived from CONTENT_ENCRYPTION_KEY, never the content key itself', () => {
    const content = randomBytes(32);
    const own = randomBytes(32);
    const derived = deriveTokenKey(content);
    expect(derived).toHaveLength(32);
    expect(derived.equals(content)).toBe(false);
    expect(deriveTokenKey(content).equals(derived)).toBe(true);
    expect(tokenKeysFor({ key: content })).toEqual({ current: derived, previous: [] });
    // A key of their own: what the derived key wrote stays readable.
    expect(tokenKeysFor({ key: content, tokenKey: own })).toEqual({ current: own, previous: [derived] });
    // Rotating the content key: installations written with the old one's derived key stay readable.
    const old = randomBytes(32);
    expect(tokenKeysFor({ key: content, previousKey: old })).toEqual({ current: derived, previous: [deriveTokenKey(old)] });
    expect(tokenKeysFor({})).toBeUndefined();
  });
});

describe('sealing an installation', () => {
  const sealer = new InstallationSealer({ current: randomBytes(32), previous: [] });

  it('opens what it sealed for the same workspace, and holds no token in the clear', () => {
    const plain = JSON.stringify(installationOf('T0DEMO'));
    const sealed = sealer.seal('T0DEMO', plain);
    expect(sealed).toMatch(/^v1\.[\w-]{6}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(BOT_TOKEN);
    expect(sealed).not.toContain(REFRESH_TOKEN);
    expect(sealer.open('T0DEMO', sealed)).toEqual({ plain, stale: false });
    // A fresh IV every time.
    expect(sealer.seal('T0DEMO', plain)).not.toBe(sealed);
  });

  it('refuses a record moved onto another workspace, an altered byte, another key and a plain value, quoting none of it', () => {
    const sealed = sealer.seal('T0DEMO', JSON.stringify(installationOf('T0DEMO')));
    const attempts = [
      () => sealer.open('T0OTHER', sealed),
      () => sealer.open('T0DEMO', `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`),
      () => new InstallationSealer({ current: randomBytes(32), previous: [] }).open('T0DEMO', sealed),
      () => sealer.open('T0DEMO', JSON.stringify(installationOf('T0DEMO'))),
    ];
    for (const attempt of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InstallationUnreadableError);
      expect(String((thrown as Error).message)).not.toContain(BOT_TOKEN);
      expect(String((thrown as Error).message)).not.toContain(sealed.slice(20, 40));
    }
  });

  it('reads what a previous key wrote and says it is stale', () => {
    const old = randomBytes(32);
    const sealed = new InstallationSealer({ current: old, previous: [] }).seal('T0DEMO', '{"a":1}');
    const rotated = new InstallationSealer({ current: randomBytes(32), previous: [old] });
    expect(rotated.open('T0DEMO', sealed)).toEqual({ plain: '{"a":1}', stale: true });
    expect(sealed.split('.')[1]).toBe(tokenKeyIdOf(old));
  });
});

describe.each([
  ['Redis', (redis: IsolatedRedis) => new RedisSealedRecords(redis.redis, { prefix: redis.prefix })],
  ['memory', () => new MemorySealedRecords()],
] as const)('installations in %s', (_kind, backend: (redis: IsolatedRedis) => SealedRecords) => {
  let redis: IsolatedRedis;
  let records: SealedRecords;
  const key = randomBytes(32);

  beforeEach(() => {
    redis = isolatedRedis(`${__filename}-${_kind}`);
    records = backend(redis);
  });

  afterEach(async () => {
    await redis.cleanup();
  });

  it('keeps each workspace its own, encrypted, and forgets one on removal', async () => {
    const installations = new InstallationRecords(records, { current: key, previous: [] });
    await installations.save('T0DEMO', installationOf('T0DEMO'));
    await installations.save('T0OTHER', { ...installationOf('T0OTHER'), bot: { token: 'xoxb-other' } });
    expect(await installations.load('T0DEMO')).toEqual(JSON.parse(JSON.stringify(installationOf('T0DEMO'))));
    expect(await installations.load('T0OTHER')).toMatchObject({ bot: { token: 'xoxb-other' } });
    expect(await installations.load('T0NOBODY')).toBeUndefined();
    expect(await records.get('T0DEMO')).not.toContain(BOT_TOKEN);
    await installations.remove('T0DEMO');
    expect(await installations.load('T0DEMO')).toBeUndefined();
    expect(await installations.load('T0OTHER')).toBeDefined();
  });

  it('writes an installation read with a previous key again with the current one', async () => {
    const old = randomBytes(32);
    await new InstallationRecords(records, { current: old, previous: [] }).save('T0DEMO', installationOf('T0DEMO'));
    const rotated = new InstallationRecords(records, { current: key, previous: [old] });
    expect(await rotated.load('T0DEMO')).toMatchObject({ bot: { token: BOT_TOKEN } });
    expect((await records.get('T0DEMO'))?.split('.')[1]).toBe(tokenKeyIdOf(key));
    // Now the old key is no longer needed.
    expect(await new InstallationRecords(records, { current: key, previous: [] }).load('T0DEMO')).toMatchObject({ bot: { token: BOT_TOKEN } });
  });
});

describe('installations in Redis, byte by byte', () => {
  let redis: IsolatedRedis;

  beforeEach(() => {
    redis = isolatedRedis(__filename);
  });

  afterEach(async () => {
    await redis.cleanup();
  });

  it('leave no token in any key, value or DUMP; unencrypted, the same search finds them', async () => {
    const records = new RedisSealedRecords(redis.redis, { prefix: redis.prefix });
    await new InstallationRecords(records, { current: randomBytes(32), previous: [] }).save('T0DEMO', installationOf('T0DEMO'));
    const sealed = await everythingUnder(redis.redis, redis.prefix);
    expect(sealed.names.map(String)).toEqual([`${redis.prefix}installation:T0DEMO`]);
    expect(phrasesIn([...sealed.names, ...sealed.values, ...sealed.dumps], [BOT_TOKEN, REFRESH_TOKEN])).toEqual([]);

    // The control: the same search over a plain copy finds both tokens.
    await records.set('T0PLAIN', JSON.stringify(installationOf('T0PLAIN')));
    const plain = await everythingUnder(redis.redis, redis.prefix);
    expect(phrasesIn([...plain.values, ...plain.dumps], [BOT_TOKEN, REFRESH_TOKEN]).sort()).toEqual([BOT_TOKEN, REFRESH_TOKEN].sort());
  });
});
