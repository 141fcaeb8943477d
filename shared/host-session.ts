/**
 * @module Host login over REST: `POST /api/login` with the host token or password; `GET /api/session` says who you are.
 */
import * as v from 'valibot';

export const LoginSchema = v.object({
  /** The host token (KANSOKU_HOST_TOKEN) or the host password (KANSOKU_HOST_PASSWORD). */
  secret: v.pipe(v.string(), v.minLength(1, 'enter the host token or password'), v.maxLength(512)),
});
export type Login = v.InferOutput<typeof LoginSchema>;

/** How the request was authenticated; `expiresAt` (ms since epoch) only for a cookie session. */
export type HostSessionInfo = { via: 'session' | 'token'; expiresAt: number | null };
