/**
 * Ack latency in Socket Mode: Bolt's SocketModeReceiver hands each envelope
 * to `app.processEvent` with an `ack` that answers over the socket. Wrapping
 * that entry point times each envelope from its arrival to its ack, by the
 * kind of request it carries. (HTTP mode is timed in request-guard.ts, from
 * the request's arrival to the end of its response.)
 */
import type { App } from '@slack/bolt';
import type { Metrics } from '../metrics/metrics';
import { bodyKind } from './request-shape';

type ReceiverEvent = Parameters<App['processEvent']>[0];

/** Times every ack of `app` into `metrics` (once per app). */
export function meterSocketModeAcks(app: App, metrics: Metrics): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent): Promise<void> => {
    const started = performance.now();
    const kind = bodyKind(event.body);
    let timed = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      await event.ack(response);
      if (timed) return;
      timed = true;
      metrics.ack(kind, (performance.now() - started) / 1000);
    };
    return processEvent({ ...event, ack });
  };
}
