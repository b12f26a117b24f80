/**
 * A TCP relay in front of the test Redis, so a test can take "Redis" away and
 * bring it back without touching the real server other test files share:
 * `down` refuses connections (Redis stopped, or gone from the network),
 * `stall` keeps them open but lets nothing through (Redis hanging, or packets
 * dropped on the way).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RedisOutage {
  /** redis:// URL of the relay. */
  url: string;
  /** Drops every connection and stops accepting new ones. */
  down(): Promise<void>;
  /** Accepts connections again, on the same port (and lets a stalled relay flow again). */
  up(): Promise<void>;
  /** Keeps every connection, and accepts new ones, but passes nothing either way until `up`. */
  stall(): void;
  close(): Promise<void>;
}

/** Starts a relay to the Redis at `targetUrl`. */
export async function relayTo(targetUrl: string): Promise<RedisOutage> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let server: Server | undefined;
  let port = 0;
  let stalled = false;

  const flow = ([client, upstream]: [Socket, Socket]): void => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ([client, upstream]: [Socket, Socket]): void => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };

  const listen = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        for (const socket of pair) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        if (stalled) hold(pair);
        else flow(pair);
        client.on('close', () => {
          upstream.destroy();
          pairs.delete(pair);
        });
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });

  const down = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  const up = async (): Promise<void> => {
    if (stalled) {
      stalled = false;
      for (const pair of pairs) flow(pair);
    }
    if (!server) await listen();
  };

  const stall = (): void => {
    stalled = true;
    for (const pair of pairs) hold(pair);
  };

  await listen();
  return { url: `redis://127.0.0.1:${port}${target.pathname}`, down, up, stall, close: down };
}
