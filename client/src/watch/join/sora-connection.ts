/** @module The only module that calls sora-js-sdk: opens a recvonly connection for a join attempt. */
import Sora, { type JSONType, type VideoCodecType } from 'sora-js-sdk';
import type { JoinPlan } from '../watch-session.svelte.ts';
import type { AttemptConnection } from './join-attempt.ts';

/**
 * One connection object per attempt (sora-js-sdk keeps state per object). `connectionTimeout` is not set: it never
 * fires in 2026.1.0, so the attempt runs its own watchdog.
 */
export function openSoraConnection(plan: JoinPlan): AttemptConnection {
  return Sora.connection(plan.signalingUrls, false).recvonly(plan.channelId, plan.metadata as JSONType, {
    audio: true,
    video: true,
    videoCodecType: plan.videoCodecType as VideoCodecType,
  });
}
