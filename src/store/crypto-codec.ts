/**
 * Encryption at rest for stored sessions: AES-256-GCM (node:crypto), one
 * random 96-bit IV per write, authenticated, so a changed byte is refused
 * rather than read. The whole session JSON is encrypted: the other stored
 * records (outbox effects, message refs, purge records, timers) carry ids,
 * kinds and times only, never what people wrote (see docs/privacy.md).
 *
 * Stored form: "v1.<keyId>.<iv>.<tag>.<ciphertext>", each part base64url.
 * The key id names the key without revealing it, so a rotation can read
 * sessions written with the previous key while every new write uses the
 * current one. "v1.<keyId>" is authenticated too (GCM additional data), so
 * the header cannot be swapped onto another ciphertext unnoticed.
 *
 * Errors name what went wrong, never the stored text or a key: they reach
 * logs.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Session } from '../engine/session';
import { jsonCodec } from './codec';
import type { SessionCodec } from './session-store';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96 bits: GCM's native IV size; random per write, so 2^32 writes per key stay far below the collision risk. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Domain separation: the key id is a hash of the key for this one purpose, not a bare hash of the key. */
const KEY_ID_LABEL = 'intervision content key id\0';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A stored session that cannot be read: unknown format, unknown key, or altered. Its message holds no content. */
export class StoredSessionUnreadableError extends Error {
  override readonly name = 'StoredSessionUnreadableError';
  readonly code = 'stored_session_unreadable';
}

export interface CryptoCodecOptions {
  /** The current key (32 bytes): every write uses it. */
  key: Buffer;
  /** Keys still accepted for reading during a rotation window (32 bytes each). */
  previousKeys?: Buffer[];
}

/** A short public name of a key (6 base64url characters): lets a reader pick the right key; reveals nothing usable. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL).update(key).digest().subarray(0, 4).toString('base64url');
}

/**
 * A 32-byte key from standard or URL-safe base64 (what `openssl rand -base64 32`
 * prints). Throws on anything else; the message never repeats the value.
 */
export function parseKey(base64: string): Buffer {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new Error('the encryption key is not base64: it must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new Error(`the encryption key is ${bytes.length} bytes long: it must be exactly ${KEY_BYTES} (openssl rand -base64 32)`);
  }
  return bytes;
}

function checkKey(key: Buffer, which: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new Error(`${which} must be exactly ${KEY_BYTES} bytes`);
  }
}

function header(keyId: string): string {
  return `${VERSION}.${keyId}`;
}

function unreadable(reason: string): StoredSessionUnreadableError {
  return new StoredSessionUnreadableError(`stored session cannot be read: ${reason}`);
}

/** Reads JSON (plain, or just decrypted) as a session, with errors that quote nothing (JSON.parse's would). */
function parseSession(json: string): Session {
  try {
    return jsonCodec.decode(json);
  } catch {
    throw unreadable('it is not a session in JSON');
  }
}

/** One base64url part of the envelope, checked for shape and (when given) size. */
function part(text: string | undefined, bytes?: number): Buffer | undefined {
  if (text === undefined) return undefined;
  const decoded = Buffer.from(text, 'base64url');
  // Round-trip check: base64url decoding silently skips characters outside the
  // alphabet and ignores stray trailing bits. The encoder writes only
  // [A-Za-z0-9_-] without padding, so a text equal to its round trip is also
  // in the alphabet: no regular expression is needed (one took 30 us on a
  // finished session's ciphertext, more than the decryption).
  if (decoded.toString('base64url') !== text) return undefined;
  if (bytes !== undefined && decoded.length !== bytes) return undefined;
  return decoded;
}

function encrypt(plain: string, key: Buffer, keyId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(header(keyId), 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [header(keyId), iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Null when the key does not open the envelope (wrong key, or altered data). */
function decrypt(key: Buffer, keyId: string, iv: Buffer, tag: Buffer, ciphertext: Buffer): string | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(header(keyId), 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Seals text with the current key and opens what the current or a previous key sealed (the envelope above). */
export interface TextSealer {
  seal(plain: string): string;
  /** The plain text; throws StoredSessionUnreadableError (a message without content) when no key opens it. */
  open(stored: string): string;
}

/** The sealer of CryptoCodecOptions' keys: what the session codec uses, and any other record with content (a group's). */
export function createTextSealer(options: CryptoCodecOptions): TextSealer {
  checkKey(options.key, 'the current encryption key');
  const previous = options.previousKeys ?? [];
  previous.forEach((key, i) => checkKey(key, `previous encryption key ${i + 1}`));
  // Copies: a caller zeroing or reusing its buffers must not change the codec's keys.
  const current = { key: Buffer.from(options.key), id: keyIdOf(options.key) };
  const readable = [current, ...previous.map((key) => ({ key: Buffer.from(key), id: keyIdOf(key) }))];

  return {
    seal(plain: string): string {
      return encrypt(plain, current.key, current.id);
    },
    open(stored: string): string {
      const parts = stored.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw unreadable('it is neither an encrypted session (v1) nor JSON');
      const [, keyId = '', ivText, tagText, ciphertextText] = parts;
      const iv = part(ivText, IV_BYTES);
      const tag = part(tagText, TAG_BYTES);
      const ciphertext = part(ciphertextText);
      if (!iv || !tag || !ciphertext || !BASE64URL.test(keyId)) throw unreadable('the encrypted envelope is malformed');
      // Ids are 32 bits, so two keys may share one: try each key that has it.
      const candidates = readable.filter((entry) => entry.id === keyId);
      if (candidates.length === 0) {
        throw unreadable(
          `it was written with key ${keyId}, which is neither CONTENT_ENCRYPTION_KEY (${current.id}) nor a previous key`,
        );
      }
      for (const candidate of candidates) {
        const json = decrypt(candidate.key, keyId, iv, tag, ciphertext);
        if (json !== null) return json;
      }
      throw unreadable('authentication failed: the stored data was altered, or the key is not the one it was written with');
    },
  };
}

/**
 * The encrypting codec. Reads envelopes written with the current key or any
 * previous key, and plain JSON written before encryption was turned on (so
 * open sessions survive switching it on); always writes with the current key,
 * so each commit moves a session onto it.
 */
export function createCryptoCodec(options: CryptoCodecOptions): SessionCodec {
  const sealer = createTextSealer(options);
  return {
    encode(session: Session): string {
      return sealer.seal(JSON.stringify(session));
    },
    decode(stored: string): Session {
      // A session written before encryption was on: plain JSON always starts with "{".
      if (stored.startsWith('{')) return parseSession(stored);
      return parseSession(sealer.open(stored));
    },
  };
}

/** The keys as the configuration holds them. */
export interface EncryptionSettings {
  key?: Buffer;
  previousKey?: Buffer;
}

/** The codec the stores should use: encrypting when a key is configured, plain JSON otherwise. */
export function sessionCodecFor(settings: EncryptionSettings): SessionCodec {
  if (!settings.key) return jsonCodec;
  return createCryptoCodec({ key: settings.key, ...(settings.previousKey ? { previousKeys: [settings.previousKey] } : {}) });
}
