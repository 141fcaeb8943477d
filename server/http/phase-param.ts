/** @module `?phase=` on REST reads: a valid phase, or the phase a host sees first (`defaultViewPhase`). */
import type { Context } from 'hono';
import { defaultViewPhase, PHASES, type KansokuEvent, type Phase } from '../../shared/event.ts';
import { HttpError } from './http-error.ts';

const isPhase = (x: string): x is Phase => (PHASES as readonly string[]).includes(x);

export function phaseParam(c: Context, event: KansokuEvent): Phase {
  const phase = c.req.query('phase');
  if (phase === undefined) return defaultViewPhase(event);
  if (!isPhase(phase))
    throw new HttpError(400, 'invalid-payload', `phase must be one of ${PHASES.join(', ')}`, 'phase');
  return phase;
}
