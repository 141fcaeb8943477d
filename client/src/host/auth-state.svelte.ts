/** @module Whether this page is logged in as the host: checks the session cookie, logs in and out. */
import { HttpError } from '../lib/http.ts';
import type { HostApi } from './api.ts';

export type AuthStatus = 'checking' | 'anonymous' | 'host';
/** Why a login failed, as a message key the form shows. */
export type LoginProblem = 'wrong-secret' | 'rate-limited' | 'unreachable' | 'failed';

export class HostAuthState {
  status = $state<AuthStatus>('checking');
  problem = $state<LoginProblem | null>(null);
  busy = $state(false);
  readonly #api: Pick<HostApi, 'session' | 'login' | 'logout'>;

  constructor(api: Pick<HostApi, 'session' | 'login' | 'logout'>) {
    this.#api = api;
  }

  async check(): Promise<void> {
    try {
      await this.#api.session();
      this.status = 'host';
      this.problem = null;
    } catch (error) {
      this.status = 'anonymous';
      this.problem = error instanceof HttpError && error.status === 0 ? 'unreachable' : null;
    }
  }

  async login(secret: string): Promise<boolean> {
    this.busy = true;
    try {
      await this.#api.login(secret);
      this.status = 'host';
      this.problem = null;
      return true;
    } catch (error) {
      const status = error instanceof HttpError ? error.status : -1;
      this.problem =
        status === 401 ? 'wrong-secret' : status === 429 ? 'rate-limited' : status === 0 ? 'unreachable' : 'failed';
      return false;
    } finally {
      this.busy = false;
    }
  }

  async logout(): Promise<void> {
    await this.#api.logout().catch(() => undefined);
    this.status = 'anonymous';
  }

  /** The server refused our socket or a request: the session is gone. */
  expired(): void {
    this.status = 'anonymous';
  }
}
