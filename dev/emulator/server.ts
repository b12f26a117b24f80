/**
 * The emulator's HTTP face: `/api/<method>` answers like slack.com/api does
 * for @slack/web-api's WebClient (form or JSON bodies, Bearer or form token),
 * and `/response/<id>` serves response_urls for Bolt's respond().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Json } from './types';

/** What the server needs from the emulator. */
export interface ApiEndpoint {
  handleApi(method: string, args: Json, token: string | undefined): { status: number; headers: Record<string, string>; body: unknown; holdMs?: number };
  handleResponseUrl(id: string, body: unknown): { status: number; body: unknown };
}

/** Reads a request body as text. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a body by its content type into flat arguments (form values stay strings). */
export function parseBody(raw: string, contentType: string | undefined): Json {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : {};
  }
  const form = parseQuery(raw);
  const args: Json = {};
  for (const [key, value] of Object.entries(form)) args[key] = Array.isArray(value) ? value[value.length - 1] : value;
  return args;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function route(endpoint: ApiEndpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const raw = await readBody(req);
  let args: Json;
  try {
    args = { ...Object.fromEntries(url.searchParams), ...parseBody(raw, req.headers['content-type']) };
  } catch {
    return send(res, 200, { ok: false, error: 'invalid_json' });
  }
  const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
  if (api && (req.method === 'POST' || req.method === 'GET')) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    const { token: _token, ...rest } = args;
    const answer = endpoint.handleApi(api[1] as string, rest, token);
    if (answer.holdMs) await new Promise((resolve) => setTimeout(resolve, answer.holdMs).unref());
    return send(res, answer.status, answer.body, answer.headers);
  }
  const response = /^\/response\/([\w-]+)$/.exec(url.pathname);
  if (response && req.method === 'POST') {
    const answer = endpoint.handleResponseUrl(response[1] as string, args);
    return send(res, answer.status, answer.body);
  }
  send(res, 404, { ok: false, error: 'not_found' });
}

/** Starts the HTTP server on host:port (port 0 picks a free one); resolves with the server and its base URL. */
export function startServer(endpoint: ApiEndpoint, port = 0, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    route(endpoint, req, res).catch(() => send(res, 500, { ok: false, error: 'internal_error' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({ server, url: `http://${host}:${address.port}` });
    });
  });
}

/** Stops the server, dropping idle keep-alive connections so tests end promptly. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
