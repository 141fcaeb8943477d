/**
 * @module A local HTTP endpoint on 127.0.0.1 that records what webhooks post to it, and can answer slowly or redirect.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { method: string; path: string; contentType: string | undefined; body: unknown };

export type Receiver = {
  url: string;
  received: Received[];
  /** How the next requests are answered: a status, a redirect, or no answer at all. */
  mode: { status: number; redirectTo?: string; hang?: boolean };
  close(): Promise<void>;
};

const bodyOf = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], mode: { status: 204 }, close: async () => undefined };
  const server = createServer((req, res) => {
    void bodyOf(req).then((text) => {
      receiver.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: text ? JSON.parse(text) : null,
      });
      const { status, redirectTo, hang } = receiver.mode;
      if (hang) return; // never answers: the sender's timeout must end it
      if (redirectTo) res.writeHead(302, { location: redirectTo });
      else res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
