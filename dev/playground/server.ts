/**
 * The playground's web server, on 127.0.0.1 only: the page and its assets, the
 * JSON API, and server-sent events that ping every open tab when anything in
 * the emulated workspace changes, so two tabs as two people update at once.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ActResult, PlaygroundApi } from './api';
import { PlaygroundError } from './interact';
import { actionBody, clockBody, closeBody, commandBody, deactivateBody, deleteBody, homeBody, languageBody, replyBody, shortcutBody, submitBody } from './schemas';

/** Where the page's files are (copied next to the compiled server by the build). */
const PUBLIC_DIR = join(__dirname, 'public');
const ASSET = /^\/static\/([\w-]{1,64}\.(?:js|css|svg|png))$/;
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};
/** The page loads nothing from elsewhere and runs only its own scripts: a second guard besides rendering text safely. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
const MAX_BODY = 256 * 1024;
/** Bursts of changes (a close deletes many messages) become one ping per tab. */
const PING_COALESCE_MS = 25;
const HEARTBEAT_MS = 15_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new PlaygroundError('That request is too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body with its schema; a page on another site cannot send JSON without a preflight, which this server never grants. */
async function parse<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new PlaygroundError('Send JSON (content-type: application/json).', 415);
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(req)) as unknown;
  } catch (error) {
    if (error instanceof PlaygroundError) throw error;
    throw new PlaygroundError('The body is not JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new PlaygroundError(`The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Only requests addressed to this loopback server (defeats DNS rebinding from a web page). */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export class PlaygroundServer {
  private server: Server | undefined;
  private readonly streams = new Set<ServerResponse>();
  private pending: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly onChange = (): void => this.schedulePing();
  port = 0;

  constructor(private readonly api: PlaygroundApi) {}

  /** Listens on 127.0.0.1:`port` (0 = a free port); resolves with the page's URL. */
  async listen(port: number): Promise<string> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (error instanceof PlaygroundError) send(res, error.status, { ok: false, error: error.message });
        else send(res, 500, { ok: false, error: 'The playground hit an unexpected error; see its console.' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.api.emulator.on('change', this.onChange);
    this.api.onClockMoved = this.onChange;
    this.heartbeat = setInterval(() => this.write(': still here\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    return `http://127.0.0.1:${this.port}`;
  }

  /** Ends the event streams and stops listening. */
  async close(): Promise<void> {
    this.api.emulator.off('change', this.onChange);
    this.api.onClockMoved = undefined;
    clearTimeout(this.pending);
    clearInterval(this.heartbeat);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private schedulePing(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.write('event: changed\ndata: {}\n\n');
    }, PING_COALESCE_MS);
  }

  private write(chunk: string): void {
    for (const stream of this.streams) stream.write(chunk);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, this.port)) return send(res, 403, { ok: false, error: 'The playground answers only on 127.0.0.1.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const path = url.pathname;
    if (req.method === 'GET') {
      if (path === '/' && !url.searchParams.get('as')) return this.redirect(res, `/?as=${encodeURIComponent(this.api.firstPerson())}`);
      if (path === '/' || path === '/index.html') return this.file(res, 'index.html');
      const asset = ASSET.exec(path);
      if (asset) return this.file(res, asset[1] as string);
      if (path === '/api/state') return send(res, 200, this.api.state(url.searchParams.get('as') ?? ''));
      if (path === '/api/events') return this.events(req, res);
      return send(res, 404, { ok: false, error: 'Not found.' });
    }
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'Method not allowed.' });
    const answer = await this.post(path, req);
    if (!answer) return send(res, 404, { ok: false, error: 'Not found.' });
    send(res, 200, answer);
  }

  private async post(path: string, req: IncomingMessage): Promise<ActResult | undefined> {
    switch (path) {
      case '/api/command':
        return this.api.command(await parse(req, commandBody));
      case '/api/action':
        return this.api.action(await parse(req, actionBody));
      case '/api/view/submit':
        return this.api.submit(await parse(req, submitBody));
      case '/api/view/close':
        return this.api.close(await parse(req, closeBody));
      case '/api/thread-reply':
        return this.api.reply(await parse(req, replyBody));
      case '/api/message/delete':
        return this.api.deleteOwn(await parse(req, deleteBody));
      case '/api/home/open':
        return this.api.openHome(await parse(req, homeBody));
      case '/api/shortcut':
        return this.api.shortcut(await parse(req, shortcutBody));
      case '/api/clock':
        return this.api.moveTime(await parse(req, clockBody));
      case '/api/people/deactivate':
        return this.api.deactivate(await parse(req, deactivateBody));
      case '/api/language':
        return this.api.setLanguage(await parse(req, languageBody));
      default:
        return undefined;
    }
  }

  private redirect(res: ServerResponse, location: string): void {
    res.writeHead(302, { location, ...SECURITY_HEADERS });
    res.end();
  }

  private async file(res: ServerResponse, name: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readFile(join(PUBLIC_DIR, name));
    } catch {
      return send(res, 404, { ok: false, error: 'Not found.' });
    }
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, ...SECURITY_HEADERS });
    res.end(body);
  }

  /** Server-sent events: a "changed" ping whenever the workspace changes; the page then fetches its state. */
  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive', ...SECURITY_HEADERS });
    res.write('retry: 1000\nevent: changed\ndata: {}\n\n');
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }
}
