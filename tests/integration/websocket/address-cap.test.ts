/**
 * The per-address connection cap through the real server and socket.io clients: an address at the cap is refused at
 * the handshake with a reason, other addresses are not, a closed connection frees its place, and this machine itself
 * (the simulator, a local proxy TRUST_PROXY does not name) is never capped. Addresses other than 127.0.0.1 are only
 * ever X-Forwarded-For values: every packet goes to 127.0.0.1.
 */
import { io, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { HOST_NAMESPACE } from '../../../shared/events.ts';
import { waitFor } from '../../helpers/clients.ts';
import { startTestServer, TEST_HOST_TOKEN, type TestServer } from '../../helpers/start-test-server.ts';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

/** Connects to the host namespace as `forwardedFor` (none: as 127.0.0.1); the refusal's message, or null. */
function connect(url: string, forwardedFor?: string): Promise<{ socket: Socket; refused: string | null }> {
  const socket = io(`${url}${HOST_NAMESPACE}`, {
    auth: { token: TEST_HOST_TOKEN },
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
    extraHeaders: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, refused: null }));
    socket.once('connect_error', (err: Error & { context?: { responseText?: string } }) =>
      resolve({ socket, refused: err.context?.responseText ?? err.message }),
    );
  });
}

it('refuses an address its connections past the cap, and only that address, until one closes', async () => {
  const server = await startTestServer('sqlite', {
    env: { KANSOKU_MAX_CONNECTIONS_PER_ADDRESS: '2', TRUST_PROXY: '1' },
  });
  servers.push(server);
  const first = await connect(server.url, '198.51.100.7');
  const second = await connect(server.url, '198.51.100.7');
  expect([first.refused, second.refused]).toEqual([null, null]);
  const third = await connect(server.url, '198.51.100.7');
  expect(third.refused).toContain('too many connections from one address (at most 2)');
  expect((await connect(server.url, '203.0.113.9')).refused).toBeNull();
  // This machine is never capped.
  const local = await Promise.all([connect(server.url), connect(server.url), connect(server.url)]);
  expect(local.map((c) => c.refused)).toEqual([null, null, null]);

  first.socket.close();
  const again = await waitFor(async () => {
    const attempt = await connect(server.url, '198.51.100.7');
    if (attempt.refused === null) return attempt;
    attempt.socket.close();
    return undefined;
  });
  expect(again.socket.connected).toBe(true);
  expect((await connect(server.url, '198.51.100.7')).refused).toContain('too many connections');
});
