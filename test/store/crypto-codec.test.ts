import { randomBytes } from 'node:crypto';
import { jsonCodec } from '../../src/store/codec';
import {
  StoredSessionUnreadableError,
  createCryptoCodec,
  keyIdOf,
  parseKey,
  sessionCodecFor,
} from '../../src/store/crypto-codec';
import type { Session } from '../../src/engine/session';
import { aSession, distinctiveText } from './session-fixture';

const newKey = (): Buffer => randomBytes(32);

/** A session whose every kind of user-written text is a phrase no other test uses. */
function aConfidentialSession(): { session: Session; phrases: string[] } {
  const [caseStory, question, answer, tip, remark, evaluation] = Array.from({ length: 6 }, distinctiveText);
  const base = aSession();
  const session: Session = {
    ...base,
    statements: { presentation: { text: caseStory!, at: base.createdAt } },
    inputs: [
      { id: 'i1', phaseId: 'questions', round: 1, author: 'U3', text: question!, at: base.createdAt, answer: { text: answer!, at: base.createdAt } },
      { id: 'i2', phaseId: 'tips', round: 1, author: 'U4', text: `${tip!} – ünïcødé ✨ & <@U1>`, at: base.createdAt },
    ],
    picks: { usefulness: { items: ['i2'], remark: remark!, at: base.createdAt } },
    evaluations: { evaluation: { U2: { useful: 'yes', what: evaluation!, at: base.createdAt } } },
  };
  return { session, phrases: [caseStory!, question!, answer!, tip!, remark!, evaluation!] };
}

/** The envelope's parts, to alter one of them. */
function partsOf(stored: string): string[] {
  const parts = stored.split('.');
  expect(parts).toHaveLength(5);
  return parts;
}

/** Flips one bit in the middle of a base64url part (decoded, altered, encoded again). */
function flipByteIn(stored: string, index: 2 | 3 | 4): string {
  const parts = partsOf(stored);
  const bytes = Buffer.from(parts[index]!, 'base64url');
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = bytes[middle]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

function errorOf(run: () => unknown): StoredSessionUnreadableError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoredSessionUnreadableError);
    return error as StoredSessionUnreadableError;
  }
  throw new Error('expected decode to throw');
}

describe('the encrypting session codec', () => {
  it('gives back exactly the session it stored, unicode included', () => {
    const { session } = aConfidentialSession();
    const codec = createCryptoCodec({ key: newKey() });
    expect(codec.decode(codec.encode(session))).toEqual(session);
  });

  it('stores none of what people wrote, not even who took part', () => {
    const { session, phrases } = aConfidentialSession();
    const stored = createCryptoCodec({ key: newKey() }).encode(session);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    for (const phrase of phrases) expect(stored).not.toContain(phrase);
    for (const clear of ['purple giraffe', session.id, session.title, 'Europe/Amsterdam', 'questions']) expect(stored).not.toContain(clear);
  });

  it('draws a fresh IV for every write, so the same session never stores the same bytes twice', () => {
    const { session } = aConfidentialSession();
    const codec = createCryptoCodec({ key: newKey() });
    const ivs = new Set(Array.from({ length: 50 }, () => partsOf(codec.encode(session))[2]));
    expect(ivs.size).toBe(50);
  });

  it.each([
    ['IV', 2],
    ['authentication tag', 3],
    ['ciphertext', 4],
  ] as const)('refuses a session when one byte of its %s was altered, with an error that quotes nothing', (_, index) => {
    const { session, phrases } = aConfidentialSession();
    const codec = createCryptoCodec({ key: newKey() });
    const error = errorOf(() => codec.decode(flipByteIn(codec.encode(session), index)));
    expect(error.message).toMatch(/authentication failed/);
    for (const phrase of phrases) expect(error.message).not.toContain(phrase);
  });

  it('refuses an envelope whose header was moved to another version, or that lost a part or some bytes', () => {
    const { session } = aConfidentialSession();
    const codec = createCryptoCodec({ key: newKey() });
    const stored = codec.encode(session);
    const parts = partsOf(stored);
    expect(() => codec.decode(stored.replace(/^v1\./, 'v2.'))).toThrow(/neither an encrypted session/);
    expect(() => codec.decode(parts.slice(0, 4).join('.'))).toThrow(/neither an encrypted session/);
    expect(() => codec.decode([...parts.slice(0, 4), parts[4]!.slice(0, -8)].join('.'))).toThrow(StoredSessionUnreadableError);
    expect(() => codec.decode([parts[0], parts[1], parts[2]!.slice(1), parts[3], parts[4]].join('.'))).toThrow(/malformed/);
    expect(() => codec.decode('')).toThrow(StoredSessionUnreadableError);
  });

  it('refuses a ciphertext written in another alphabet, padded, with a stray character or stray trailing bits, even when it decodes to the same bytes', () => {
    const { session } = aConfidentialSession();
    const codec = createCryptoCodec({ key: newKey() });
    const parts = partsOf(codec.encode(session));
    const ciphertext = parts[4]!;
    const withCiphertext = (text: string): string => [...parts.slice(0, 4), text].join('.');
    const same = (text: string): boolean => Buffer.from(text, 'base64url').equals(Buffer.from(ciphertext, 'base64url'));
    const middle = Math.floor(ciphertext.length / 2);
    const variants = [
      // Standard base64 for one character of the URL-safe alphabet, or a stray character: Node decodes past both.
      ciphertext.includes('-') ? ciphertext.replace('-', '+') : `${ciphertext.slice(0, middle)}+${ciphertext.slice(middle + 1)}`,
      `${ciphertext.slice(0, middle)}*${ciphertext.slice(middle)}`,
      `${ciphertext.slice(0, middle)}\n${ciphertext.slice(middle)}`,
      `${ciphertext}${'='.repeat((4 - (ciphertext.length % 4)) % 4 || 4)}`,
    ];
    // The last character with other trailing bits, when the length leaves some.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const trailing = [...alphabet].map((c) => `${ciphertext.slice(0, -1)}${c}`).find((text) => text !== ciphertext && same(text));
    if (trailing) variants.push(trailing);
    expect(variants.filter(same).length).toBeGreaterThan(0);
    for (const text of variants) expect(() => codec.decode(withCiphertext(text))).toThrow(/malformed/);
    expect(codec.decode(withCiphertext(ciphertext))).toEqual(session);
  });

  it('refuses a session written with a key it does not hold, and names only the key ids', () => {
    const { session, phrases } = aConfidentialSession();
    const theirs = newKey();
    const ours = newKey();
    const stored = createCryptoCodec({ key: theirs }).encode(session);
    const error = errorOf(() => createCryptoCodec({ key: ours }).decode(stored));
    expect(error.message).toContain(keyIdOf(theirs));
    expect(error.message).toContain(keyIdOf(ours));
    for (const phrase of phrases) expect(error.message).not.toContain(phrase);
    expect(error.message).not.toContain(theirs.toString('base64'));
  });

  it('refuses a session re-labelled with the reader\'s key id', () => {
    const { session } = aConfidentialSession();
    const theirs = newKey();
    const ours = newKey();
    const parts = partsOf(createCryptoCodec({ key: theirs }).encode(session));
    parts[1] = keyIdOf(ours);
    expect(() => createCryptoCodec({ key: ours }).decode(parts.join('.'))).toThrow(/authentication failed/);
  });

  describe('during a key rotation', () => {
    it('reads a session written with the previous key, and writes it again with the new one', () => {
      const { session } = aConfidentialSession();
      const oldKey = newKey();
      const freshKey = newKey();
      const writtenBefore = createCryptoCodec({ key: oldKey }).encode(session);

      const rotating = createCryptoCodec({ key: freshKey, previousKeys: [oldKey] });
      const read = rotating.decode(writtenBefore);
      expect(read).toEqual(session);
      const writtenAgain = rotating.encode(read);
      expect(partsOf(writtenAgain)[1]).toBe(keyIdOf(freshKey));

      // Once every session has been written again, the old key can go.
      const afterRotation = createCryptoCodec({ key: freshKey });
      expect(afterRotation.decode(writtenAgain)).toEqual(session);
      expect(() => afterRotation.decode(writtenBefore)).toThrow(/written with key/);
    });

    it('still reads what the new key wrote when the previous key is listed too', () => {
      const { session } = aConfidentialSession();
      const oldKey = newKey();
      const freshKey = newKey();
      const rotating = createCryptoCodec({ key: freshKey, previousKeys: [oldKey] });
      expect(rotating.decode(createCryptoCodec({ key: freshKey }).encode(session))).toEqual(session);
    });
  });

  describe('turning encryption on with sessions already open', () => {
    it('reads a session stored as plain JSON, and stores it encrypted from then on', () => {
      const { session, phrases } = aConfidentialSession();
      const codec = createCryptoCodec({ key: newKey() });
      const read = codec.decode(jsonCodec.encode(session));
      expect(read).toEqual(session);
      const stored = codec.encode(read);
      expect(stored.startsWith('v1.')).toBe(true);
      for (const phrase of phrases) expect(stored).not.toContain(phrase);
    });

    it('refuses broken plain JSON with an error that quotes none of it', () => {
      const phrase = distinctiveText();
      const codec = createCryptoCodec({ key: newKey() });
      const error = errorOf(() => codec.decode(`{"v":1,"text":"${phrase}`));
      expect(error.message).toMatch(/not a session in JSON/);
      expect(error.message).not.toContain(phrase);
      expect(() => codec.decode(JSON.stringify({ v: 2, text: phrase }))).toThrow(/not a session in JSON/);
    });
  });

  describe('keys', () => {
    it('accepts 32 bytes in standard or URL-safe base64, as openssl and node print them', () => {
      const key = newKey();
      expect(parseKey(key.toString('base64'))).toEqual(key);
      expect(parseKey(key.toString('base64url'))).toEqual(key);
      expect(parseKey(`  ${key.toString('base64')}\n`)).toEqual(key);
    });

    it('refuses keys of the wrong length or alphabet, without repeating them', () => {
      const short = randomBytes(16).toString('base64');
      const long = randomBytes(33).toString('base64');
      expect(() => parseKey(short)).toThrow(/16 bytes long: it must be exactly 32/);
      expect(() => parseKey(long)).toThrow(/33 bytes long/);
      expect(() => parseKey('not a key!')).toThrow(/not base64/);
      for (const bad of [short, long, 'not a key!']) {
        try {
          parseKey(bad);
        } catch (error) {
          expect((error as Error).message).not.toContain(bad);
        }
      }
    });

    it('will not build a codec on a key that is not 32 bytes', () => {
      expect(() => createCryptoCodec({ key: randomBytes(16) })).toThrow(/exactly 32 bytes/);
      expect(() => createCryptoCodec({ key: newKey(), previousKeys: [randomBytes(31)] })).toThrow(/previous encryption key 1/);
    });

    it('names a key by a short id that differs between keys and reveals none of the key', () => {
      const key = newKey();
      expect(keyIdOf(key)).toMatch(/^[A-Za-z0-9_-]{6}$/);
      expect(keyIdOf(key)).toBe(keyIdOf(Buffer.from(key)));
      expect(keyIdOf(newKey())).not.toBe(keyIdOf(key));
      expect(key.toString('base64url')).not.toContain(keyIdOf(key));
    });

    it('keeps its own copy of the keys, so a caller wiping its buffer does not lock sessions out', () => {
      const { session } = aConfidentialSession();
      const key = newKey();
      const codec = createCryptoCodec({ key });
      const stored = codec.encode(session);
      key.fill(0);
      expect(codec.decode(stored)).toEqual(session);
    });
  });

  describe('choosing the codec from the configuration', () => {
    it('stores plain JSON without a key, and encrypts with one while still reading the previous key', () => {
      const { session } = aConfidentialSession();
      expect(sessionCodecFor({})).toBe(jsonCodec);
      const oldKey = newKey();
      const freshKey = newKey();
      const codec = sessionCodecFor({ key: freshKey, previousKey: oldKey });
      expect(partsOf(codec.encode(session))[1]).toBe(keyIdOf(freshKey));
      expect(codec.decode(createCryptoCodec({ key: oldKey }).encode(session))).toEqual(session);
    });
  });
});
