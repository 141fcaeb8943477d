/**
 * @module A simulated broadcaster for the demo: the publisher model's getStats reports go through the real publisher
 * collector over a real host socket (the host token as its credentials), exactly what the publisher page sends.
 */
import { createPublisherCollector, type PublisherCollector } from '../../client/src/collector/publisher-collector.ts';
import { connectPublisherSocket, newPublisherId } from '../../client/src/collector/publisher-socket.ts';
import type { Timers } from '../clock.ts';
import { createRng } from './prng.ts';
import { createPublisherModel, type UploadCondition } from './publisher-model.ts';

export type SimPublisherOptions = {
  serverUrl: string;
  hostToken: string;
  eventId: string;
  seed: number;
  timers: Timers;
  now: () => number;
  /** The condition at each moment (the demo's degrading scenario by default). */
  condition?: (elapsedMs: number) => UploadCondition;
};

export type SimPublisher = {
  collector: PublisherCollector;
  /** Stops like the publisher page's Stop button: the last report says `end`. */
  stop(): Promise<void>;
};

export function startSimPublisher(options: SimPublisherOptions): SimPublisher {
  const socket = connectPublisherSocket({ server: options.serverUrl, token: options.hostToken });
  const model = createPublisherModel(createRng(options.seed), options.now(), options.condition);
  const collector = createPublisherCollector({
    getStats: async () => model.report(options.now()),
    peerState: () => 'connected',
    socket,
    eventId: options.eventId,
    publisherId: newPublisherId(),
    targetFps: 30,
    timers: options.timers,
    now: options.now,
  });
  collector.start();
  return {
    collector,
    async stop() {
      await collector.stop();
      socket.disconnect();
    },
  };
}
