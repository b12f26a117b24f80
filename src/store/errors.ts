/**
 * The store could not be reached (Redis restarting, network trouble). Stores
 * throw this so the Slack shell can tell people to try again in a minute
 * instead of failing silently; the process itself keeps running and recovers
 * when the store answers again.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'store_unavailable';

  constructor(message = 'The session store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Error codes of a connection that failed or dropped (Node and ioredis). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED',
]);
/** ioredis errors raised while it is disconnected or giving up on a command. */
const REDIS_UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
/**
 * And the errors of a Redis in the middle of a failover: a primary just
 * demoted to replica (READONLY), a replica that lost its primary (MASTERDOWN),
 * a primary without the replicas it must write to (NOREPLICAS), a cluster
 * moving or missing slots (CLUSTERDOWN, TRYAGAIN).
 */
const REDIS_UNAVAILABLE_MESSAGES = [/^Connection is closed\.?$/, /enableOfflineQueue options is false/, /^Command timed out$/, /^(LOADING|READONLY|MASTERDOWN|NOREPLICAS|CLUSTERDOWN|TRYAGAIN)\b/];

function field(value: object, name: string): unknown {
  return (value as Record<string, unknown>)[name];
}

/**
 * True when `error` (or an error it wraps: Bolt's `original`/`originals`, a
 * `cause`) means the store is unreachable right now.
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (error instanceof StoreUnavailableError) return true;
  const name = field(error, 'name');
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (typeof name === 'string' && REDIS_UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (typeof message === 'string' && REDIS_UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const inner = [field(error, 'original'), field(error, 'cause'), ...asArray(field(error, 'originals'))];
  return inner.some((wrapped) => isStoreUnavailable(wrapped, depth + 1));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
