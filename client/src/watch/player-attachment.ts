/**
 * @module Plays a MediaStream in a `<video>` (a Svelte attachment): starts muted playback, and reports the first
 * decoded frame, `playing`, and a refused `play()`. Re-created whenever the stream changes.
 */
import type { Attachment } from 'svelte/attachments';

export type PlayerEvents = { firstFrame(): void; playing(): void; blocked(error: unknown): void };

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

export function playStream(stream: MediaStream | null, events: PlayerEvents): Attachment<HTMLVideoElement> {
  return (element) => {
    const video = element as VideoWithFrames;
    if (!stream) {
      video.srcObject = null;
      return;
    }
    let frameRequest: number | undefined;
    const onPlaying = () => events.playing();
    const onLoaded = () => events.firstFrame(); // fallback where requestVideoFrameCallback is missing
    video.addEventListener('playing', onPlaying);
    if (video.requestVideoFrameCallback) frameRequest = video.requestVideoFrameCallback(() => events.firstFrame());
    else video.addEventListener('loadeddata', onLoaded);
    video.srcObject = stream;
    // Muted autoplay is allowed everywhere; a refusal here means the viewer has to press play.
    video.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') events.blocked(error);
    });
    return () => {
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('loadeddata', onLoaded);
      if (frameRequest !== undefined) video.cancelVideoFrameCallback?.(frameRequest);
      video.srcObject = null;
    };
  };
}
