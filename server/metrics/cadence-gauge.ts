/**
 * @module `kansoku_cadence_level`: how far the adaptive cadence has stretched viewers' send interval (0 = not at all).
 */
import { Gauge, type Registry } from 'prom-client';
import type { Cadence } from '../viewers/cadence.ts';
import { PRESSURE_FACTORS } from '../viewers/cadence.ts';

export function registerCadenceGauge(registry: Registry, cadence: Cadence): void {
  new Gauge({
    name: 'kansoku_cadence_level',
    help: `Send-interval pressure level: the audience cadence is multiplied by ${PRESSURE_FACTORS.join('/')} at levels 0..${PRESSURE_FACTORS.length - 1} (event-loop delay or slow commits).`,
    registers: [registry],
    collect() {
      this.set(cadence.level);
    },
  });
}
