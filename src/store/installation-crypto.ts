/**
 * Encryption at rest for the workspaces' installations, which hold their bot
 * tokens and refresh tokens: AES-256-GCM (node:crypto), a random 96-bit IV
 * per write, a 128-bit tag. The key is TOKEN_ENCRYPTION_KEY, or one derived
 * from CONTENT_ENCRYPTION_KEY with HKDF-SHA256, so the content key itself
 * never encrypts tokens (and a leak of one ciphertext kind says nothing about
 * the other).
 *
 * Stored form: "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts). The
 * header and the workspace id are the GCM additional data: a record copied
 * onto another workspace's key does not open. Errors never quote the record
 * or a key.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF's "info": what the derived key is for. A new purpose gets a new label, never this key. */
const DERIVATION_LABEL = 'intervision installation tokens v1';
const KEY_ID_LABEL = 'intervision token key id\0';

/** A stored installation that cannot be opened (unknown key, altered, or not one of ours). Its message holds no secret. */
export class InstallationUnreadableError extends Error {
  override readonly name = 'InstallationUnreadableError';
  readonly code = 'installation_unreadable';
}

/** The key installations are encrypted with, derived from the content key (HKDF-SHA256, no salt, a label of its own). */
export function deriveTokenKey(contentKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', contentKey, Buffer.alloc(0), DERIVATION_LABEL, KEY_BYTES));
}

/** A short public name of a token key: lets a reader pick the right one; reveals nothing usable. */
export function tokenKeyIdOf(key: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL).update(key).digest().subarray(0, 4).toString('base64url');
}

/** The configured keys (as Config holds them). */
export interface TokenKeySettings {
  key?: Buffer;
  previousKey?: Buffer;
  tokenKey?: Buffer;
}

/** The key every write uses, and those still read (a rotation, or a switch from the derived key to a key of its own). */
export interface TokenKeys {
  current: Buffer;
  previous: Buffer[];
}

/** The token keys for these settings; undefined when there is neither TOKEN_ENCRYPTION_KEY nor CONTENT_ENCRYPTION_KEY. */
export function tokenKeysFor(settings: TokenKeySettings): TokenKeys | undefined {
  const derived = settings.key ? deriveTokenKey(settings.key) : undefined;
  const current = settings.tokenKey ?? derived;
  if (!current) return undefined;
  const previous = [settings.tokenKey ? derived : undefined, settings.previousKey ? deriveTokenKey(settings.previousKey) : undefined];
  return { current, previous: previous.filter((key): key is Buffer => key !== undefined) };
}

function unreadable(reason: string): InstallationUnreadableError {
  return new InstallationUnreadableError(`stored installation cannot be read: ${reason}`);
}

function additionalData(header: string, workspace: string): Buffer {
  return Buffer.from(`${header}|${workspace}`, 'utf8');
}

/** One base64url part, checked by a round trip (and for size when given). */
function part(text: string | undefined, bytes?: number): Buffer | undefined {
  if (text === undefined) return undefined;
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text || (bytes !== undefined && decoded.length !== bytes)) return undefined;
  return decoded;
}

/** Seals and opens installations with the current key; opens those of a previous key too. */
export class InstallationSealer {
  private readonly current: { key: Buffer; id: string };
  private readonly readable: Array<{ key: Buffer; id: string }>;

  constructor(keys: TokenKeys) {
    for (const key of [keys.current, ...keys.previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`a token key must be exactly ${KEY_BYTES} bytes`);
    }
    this.current = { key: Buffer.from(keys.current), id: tokenKeyIdOf(keys.current) };
    this.readable = [this.current, ...keys.previous.map((key) => ({ key: Buffer.from(key), id: tokenKeyIdOf(key) }))];
  }

  /** The id of the key every write uses (for the start-up log). */
  get keyId(): string {
    return this.current.id;
  }

  /** `plain` encrypted for `workspace` with the current key. */
  seal(workspace: string, plain: string): string {
    const header = `${VERSION}.${this.current.id}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(header, workspace));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [header, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** The plain text sealed for `workspace`; `stale` when it was written with a previous key (write it again). */
  open(workspace: string, stored: string): { plain: string; stale: boolean } {
    const [version, keyId = '', ivText, tagText, ciphertextText, ...rest] = stored.split('.');
    const iv = part(ivText, IV_BYTES);
    const tag = part(tagText, TAG_BYTES);
    const ciphertext = part(ciphertextText);
    if (version !== VERSION || rest.length > 0 || !iv || !tag || !ciphertext) throw unreadable('it is not an encrypted installation (v1)');
    const candidates = this.readable.filter((entry) => entry.id === keyId);
    if (candidates.length === 0) throw unreadable(`it was written with token key ${keyId}, which is not configured`);
    for (const candidate of candidates) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', candidate.key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData(`${VERSION}.${keyId}`, workspace));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
        return { plain, stale: candidate.id !== this.current.id };
      } catch {
        // Another key with the same id, or altered data: try the next one.
      }
    }
    throw unreadable('authentication failed: it was altered, or belongs to another workspace');
  }
}
