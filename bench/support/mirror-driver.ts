/**
 * The driver people act through in bench:http: every signed request goes to
 * the bot and, in the same tick, to the bare Bolt app (the same body, its own
 * signature), and the HTTP response time of each is kept. Only the bot's
 * answer is applied to the emulated workspace.
 */
import { performance } from 'node:perf_hooks';
import { SlackDriver, type DriverResponse, type EmulatorPort } from '../../dev/emulator';

/** One request: what it was, and how long each app took to answer it (ms; bare undefined when not mirrored). */
export interface AckSample {
  kind: string;
  botMs: number;
  bareMs?: number;
  status: number;
}

/** What a request is, from its body: "command", "block_actions", "view_submission:<callback_id>", "event", ... */
function kindOf(body: string, contentType: string): string {
  if (contentType.startsWith('application/json')) return 'event';
  const form = new URLSearchParams(body);
  if (form.has('command')) return 'command';
  const payload = form.get('payload');
  if (!payload) return 'other';
  const parsed = JSON.parse(payload) as { type?: string; view?: { callback_id?: string } };
  return parsed.view?.callback_id && parsed.type !== 'block_actions' ? `${String(parsed.type)}:${parsed.view.callback_id}` : String(parsed.type);
}

async function timed(send: () => Promise<DriverResponse>): Promise<DriverResponse> {
  const started = performance.now();
  const response = await send();
  return { ...response, ms: performance.now() - started };
}

export class MirrorDriver extends SlackDriver {
  /** Every request sent since the last take(). */
  private samples: AckSample[] = [];
  /** Whether requests also go to the bare app. */
  mirroring = true;

  constructor(
    emulator: EmulatorPort,
    requestUrl: string,
    private readonly bare: SlackDriver,
  ) {
    super(emulator, { requestUrl });
  }

  override async send(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<DriverResponse> {
    const bare = this.mirroring ? timed(() => this.bare.send(body, contentType, extraHeaders)) : undefined;
    const own = timed(() => super.send(body, contentType, extraHeaders));
    const [mine, theirs] = await Promise.all([own, bare]);
    if (theirs && theirs.status !== 200) throw new Error(`the bare app answered HTTP ${theirs.status}`);
    this.samples.push({ kind: kindOf(body, contentType), botMs: mine.ms, status: mine.status, ...(theirs ? { bareMs: theirs.ms } : {}) });
    return mine;
  }

  /** The samples since the last call, and forgets them. */
  take(): AckSample[] {
    const taken = this.samples;
    this.samples = [];
    return taken;
  }
}
