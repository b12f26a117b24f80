import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';

/**
 * Bolt's HTTP receiver reads `body.ssl_check` from whatever a signed request's
 * body parses to, so a body of `null` (or `payload=null`) throws inside its
 * request handler: an unhandled rejection, and a request that never gets an
 * answer. Slack never sends one, but the bot must not depend on that. This
 * guard reads the body first, answers 400 when it is not a JSON object, and
 * hands everything else on with the body already read (Bolt reuses
 * `req.rawBody` when it is a Buffer, so nothing is read twice).
 */

/** Bolt's own limit for a request body. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** What the body parses to the way Bolt parses it; undefined when it does not parse (Bolt answers those itself). */
function parsedAsBolt(raw: Buffer, contentType: string | undefined): { value: unknown } | undefined {
  const text = raw.toString();
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const { payload } = parseQuery(text);
      return { value: typeof payload === 'string' ? (JSON.parse(payload) as unknown) : {} };
    }
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** The whole body, or undefined once it passes the limit. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** Wraps the receiver's listener for `path` (Slack's request URL); other paths (health) pass straight through. */
export function guardRequestBodies(listener: RequestListener, logger: Logger, path = '/slack/events'): RequestListener {
  return (req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || url !== path) {
      listener(req, res);
      return;
    }
    void readBody(req).then(
      (raw) => {
        if (!raw) {
          logger.warn({ limit: BODY_LIMIT }, 'a request body over the size limit was refused');
          answer(res, 413);
          return;
        }
        const parsed = parsedAsBolt(raw, req.headers['content-type']);
        if (parsed && (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))) {
          logger.warn('a request whose body is not an object was refused');
          answer(res, 400);
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        listener(req, res);
      },
      () => answer(res, 400),
    );
  };
}
