import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import { bodyKind, brokenShape, type BodyKind } from './request-shape';

/**
 * Every request to Slack's request URL passes here before Bolt sees it, and
 * each kind of bad request gets its own clear answer at once:
 * - 413: a body over Bolt's size limit;
 * - 401: no valid signature, or a timestamp more than five minutes from now
 *   in either direction (Bolt checks only the past, so a request signed with
 *   a stamp from the future would stay good for as long as that lies ahead);
 * - 400: a signed body that is not JSON, not an object, or not shaped the
 *   way Bolt needs to route it (request-shape.ts): Bolt would answer 500, or
 *   throw inside its handler, or hold the request for 3 s.
 * Everything else goes on to Bolt with the body already read (Bolt reuses
 * `req.rawBody` when it is a Buffer, and verifies the signature again).
 * Slack's ssl_check is sent unsigned and goes on as it is: Bolt answers it.
 */

/** Bolt's own limit for a request body. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** How far a request's timestamp may be from now, either way (Slack's and Bolt's five minutes). */
const MAX_SKEW_SECONDS = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

export interface GuardOptions {
  /** The app's signing secret (SLACK_SIGNING_SECRET). */
  signingSecret: string;
  /** Slack's request URL path; other paths (health) pass straight through. */
  path?: string;
  /** The clock signatures are checked against (Bolt's is the real one). */
  now?: () => number;
  /** Told, for each request handed to Bolt, its kind and how long it took to answer it (arrival to the response's end). */
  onAnswered?: (kind: BodyKind, seconds: number) => void;
}

type Settings = Required<Omit<GuardOptions, 'onAnswered'>> & Pick<GuardOptions, 'onAnswered'>;

/** What the body parses to the way Bolt parses it; undefined when it does not parse. */
function parsedAsBolt(raw: Buffer, contentType: string | undefined): { value: unknown } | undefined {
  const text = raw.toString();
  try {
    if (contentType === FORM) {
      const fields = parseQuery(text);
      return { value: typeof fields.payload === 'string' ? (JSON.parse(fields.payload) as unknown) : fields };
    }
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Slack's unsigned reachability check, which Bolt answers (and strips of anything else) itself. */
function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === FORM && parseQuery(raw.toString()).ssl_check === '1';
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Why the request is not signed by Slack just now; undefined when it is. */
export function signatureProblem(raw: Buffer, headers: IncomingHttpHeaders, signingSecret: string, nowMs: number): 'missing' | 'timestamp' | 'signature' | undefined {
  const signature = header(headers, 'x-slack-signature');
  const stamp = header(headers, 'x-slack-request-timestamp');
  if (signature === undefined || stamp === undefined) return 'missing';
  const seconds = /^\d{1,12}$/.test(stamp) ? Number(stamp) : Number.NaN;
  if (!(Math.abs(seconds - Math.floor(nowMs / 1000)) <= MAX_SKEW_SECONDS)) return 'timestamp';
  const valid = isValidSlackRequest({
    signingSecret,
    body: raw.toString(),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds },
    nowMilliseconds: nowMs,
  });
  return valid ? undefined : 'signature';
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

/** The status to refuse a whole body with (logged by kind only, never its text); undefined when Bolt may have it. */
function refusal(raw: Buffer, req: IncomingMessage, options: Settings, logger: Logger): number | undefined {
  const contentType = req.headers['content-type'];
  if (isSslCheck(raw, contentType)) return undefined;
  const unsigned = signatureProblem(raw, req.headers, options.signingSecret, options.now());
  if (unsigned) {
    logger.warn({ problem: unsigned }, 'a request not signed by Slack just now was refused');
    return 401;
  }
  const parsed = parsedAsBolt(raw, contentType);
  if (!parsed) {
    logger.warn('a signed request whose body does not parse was refused');
    return 400;
  }
  const broken = brokenShape(parsed.value);
  if (broken) {
    logger.warn({ kind: broken }, 'a signed request whose body is not shaped like Slack\'s was refused');
    return 400;
  }
  return undefined;
}

/**
 * The path Bolt routes a request by, read as Bolt reads it (a WHATWG URL's
 * pathname: dot segments resolved, query and fragment dropped), so no
 * spelling of Slack's request URL reaches Bolt around the guard; null when it
 * cannot be read (Bolt could not route it either).
 */
function routedPath(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** Tells `onAnswered` the request's kind and time once its answer has been sent. */
function timeAnswer(res: ServerResponse, raw: Buffer, req: IncomingMessage, started: number, onAnswered: Settings['onAnswered']): void {
  if (!onAnswered) return;
  const kind = bodyKind(parsedAsBolt(raw, req.headers['content-type'])?.value);
  res.once('finish', () => onAnswered(kind, (performance.now() - started) / 1000));
}

/** Wraps the receiver's listener for Slack's request URL; other paths (health) pass straight through. */
export function guardRequestBodies(listener: RequestListener, logger: Logger, options: GuardOptions): RequestListener {
  const settings: Settings = { path: '/slack/events', now: Date.now, ...options };
  return (req, res) => {
    if (req.method !== 'POST' || routedPath(req.url) !== settings.path) {
      listener(req, res);
      return;
    }
    const started = performance.now();
    void readBody(req).then(
      (raw) => {
        if (!raw) {
          logger.warn({ limit: BODY_LIMIT }, 'a request body over the size limit was refused');
          answer(res, 413);
          return;
        }
        const status = refusal(raw, req, settings, logger);
        if (status !== undefined) {
          answer(res, status);
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        timeAnswer(res, raw, req, started, settings.onAnswered);
        listener(req, res);
      },
      () => answer(res, 400),
    );
  };
}
