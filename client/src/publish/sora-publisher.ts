/**
 * @module The publisher page's only contact with the browser's capture and with sora-js-sdk: a screen share (and the
 * microphone, when asked) sent to the event's Sora channel as `sendonly`. sora-js-sdk is loaded on demand, so the
 * dashboard's own pages never download it.
 */
import type { JSONType, VideoCodecType } from 'sora-js-sdk';
import type { VideoCodec } from '../../../shared/event.ts';

export type PublishPlan = {
  signalingUrls: string[];
  channelId: string;
  metadata: Record<string, unknown> | null;
  videoCodecType: VideoCodec;
  /** kbit/s; null leaves it to Sora. */
  videoBitRate: number | null;
  frameRate: number;
  audio: boolean;
};

/** What the page keeps of a running publication. */
export type Publication = {
  /** The sora-js-sdk connection (its `.pc` is what the collector polls). */
  connection: { readonly pc: RTCPeerConnection | null };
  /** Ends the connection and the capture. */
  stop(): Promise<void>;
};

export type PublishHooks = {
  /** The screen share ended from the browser's own "Stop sharing" button. */
  onCaptureEnded(): void;
  /** Sora or the network ended the connection. */
  onDisconnect(reason: string): void;
};

/** Asks for the screen (the browser shows its picker) and, when wanted, the microphone; stops both on failure. */
export async function captureMedia(plan: Pick<PublishPlan, 'frameRate' | 'audio'>): Promise<MediaStream> {
  const screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: plan.frameRate }, audio: false });
  if (!plan.audio) return screen;
  try {
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    return new MediaStream([...screen.getVideoTracks(), ...mic.getAudioTracks()]);
  } catch (error) {
    for (const track of screen.getTracks()) track.stop();
    throw error;
  }
}

export async function publish(plan: PublishPlan, hooks: PublishHooks): Promise<Publication> {
  const stream = await captureMedia(plan);
  const stopTracks = () => {
    for (const track of stream.getTracks()) track.stop();
  };
  try {
    const { default: Sora } = await import('sora-js-sdk');
    const connection = Sora.connection(plan.signalingUrls, false).sendonly(plan.channelId, plan.metadata as JSONType, {
      audio: plan.audio,
      video: true,
      videoCodecType: plan.videoCodecType as VideoCodecType,
      ...(plan.videoBitRate !== null ? { videoBitRate: plan.videoBitRate } : {}),
    });
    connection.on('disconnect', (event) => hooks.onDisconnect(event.reason ?? event.title));
    stream.getVideoTracks()[0]?.addEventListener('ended', () => hooks.onCaptureEnded());
    await connection.connect(stream);
    return {
      connection,
      async stop() {
        stopTracks();
        await connection.disconnect();
      },
    };
  } catch (error) {
    stopTracks();
    throw error;
  }
}
