/**
 * @module Start-up failures the operator can fix (port taken, data dir not writable, database unreachable or corrupt):
 * the message is one line saying what failed, where, and which setting to look at. main.ts prints it and exits 1.
 */

export class StartupError extends Error {
  override name = 'StartupError';
}

/** The first `code` in an error, its causes and (for AggregateError, e.g. a refused IPv4 + IPv6 connect) its parts. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const parts = (error as { errors?: unknown }).errors;
  for (const part of Array.isArray(parts) ? parts : []) {
    const code = errorCode(part, depth + 1);
    if (code) return code;
  }
  return errorCode((error as { cause?: unknown }).cause, depth + 1);
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOSPC: 'no space left on the disk',
  EEXIST: 'a file is in the way',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/** A short human reason for a system error (falls back to the error's own first line). */
export function reasonOf(error: unknown): string {
  const code = errorCode(error);
  if (code && REASONS[code]) return REASONS[code] as string;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || (code ?? 'unknown error');
}

/** What main.ts prints: our own messages as they are, anything else as its first line. */
export function startupLine(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  if (error instanceof Error)
    return `start-up failed: ${error.message.split('\n')[0]}${errorCode(error) ? ` (${errorCode(error)})` : ''}`;
  return `start-up failed: ${String(error)}`;
}

/** The listen() failure as a line naming the address and the setting to change. */
export function listenFailure(error: unknown, host: string, port: number): StartupError {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (errorCode(error)) {
    case 'EADDRINUSE':
      return new StartupError(
        `cannot listen on ${where}: the port is already in use (another Kansoku, or another program); stop it or set PORT`,
      );
    case 'EACCES':
      return new StartupError(
        `cannot listen on ${where}: permission denied (ports below 1024 need privileges); set PORT`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(`cannot listen on ${where}: ${host} is not an address of this machine; set HOST`);
    default:
      return new StartupError(`cannot listen on ${where}: ${reasonOf(error)}`);
  }
}
