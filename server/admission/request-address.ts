/** @module The budget address of a REST request (Node server: the socket's peer; in-process requests: `unknown`). */
import type { Context } from 'hono';
import { clientAddress } from '../auth/client-address.ts';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

export function requestAddress(c: Context, trustProxy: number): string {
  const env = c.env as NodeBindings | undefined;
  return clientAddress(env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'), trustProxy);
}
