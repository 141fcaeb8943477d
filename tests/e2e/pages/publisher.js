// Browser-side half of the fake Sora (plain JS, injected as a file: see toolchain.md §5). The Node fake asks this
// page for a sendonly offer per viewer connection (a recvonly one per broadcaster), then hands it the client's answer
// and trickled candidates.
// Every track gets a stream, so the SDP carries a=msid (without it sora-js-sdk fires no `track` event).
(() => {
  const peers = new Map();
  let media = null;

  async function camera() {
    if (!media) {
      media = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 360, frameRate: 30 },
        audio: true,
      });
      document.getElementById('preview').srcObject = media;
    }
    return media;
  }

  function gathered(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        if (pc.iceGatheringState !== 'complete') return;
        pc.removeEventListener('icegatheringstatechange', done);
        resolve();
      };
      pc.addEventListener('icegatheringstatechange', done);
    });
  }

  // The codec the viewer asked for (Sora sends only that one), e.g. AV1.
  function preferred(codec) {
    const wanted = 'video/' + String(codec || 'AV1').toLowerCase();
    const all = RTCRtpReceiver.getCapabilities('video').codecs;
    const main = all.filter((c) => c.mimeType.toLowerCase() === wanted && !/profile=1/.test(c.sdpFmtpLine || ''));
    if (main.length === 0) throw new Error('publisher cannot send ' + wanted);
    return main;
  }

  async function createOffer(id, options) {
    const source = await camera();
    const pc = new RTCPeerConnection({ iceServers: [] });
    peers.set(id, pc);
    const stream = new MediaStream(source.getTracks());
    for (const track of source.getTracks()) {
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      if (track.kind === 'video') transceiver.setCodecPreferences(preferred(options && options.codec));
    }
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return pc.localDescription.sdp;
  }

  // For a sendonly client (the broadcaster's publisher page), Sora's side receives: a recvonly offer whose m-line
  // ids are sent along as `mid` (sora-js-sdk turns those transceivers into senders).
  async function createReceiveOffer(id, options) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    peers.set(id, pc);
    const audio = pc.addTransceiver('audio', { direction: 'recvonly' });
    const video = pc.addTransceiver('video', { direction: 'recvonly' });
    video.setCodecPreferences(preferred(options && options.codec));
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return { sdp: pc.localDescription.sdp, mid: { audio: audio.mid, video: video.mid } };
  }

  async function setAnswer(id, sdp) {
    const pc = peers.get(id);
    if (pc) await pc.setRemoteDescription({ type: 'answer', sdp });
  }

  async function addCandidate(id, candidate) {
    const pc = peers.get(id);
    if (pc && candidate && candidate.candidate) await pc.addIceCandidate(candidate).catch(() => undefined);
  }

  function close(id) {
    const pc = peers.get(id);
    if (pc) pc.close();
    peers.delete(id);
  }

  function state(id) {
    const pc = peers.get(id);
    return pc ? pc.connectionState : 'none';
  }

  window.kansokuPublisher = {
    createOffer,
    createReceiveOffer,
    setAnswer,
    addCandidate,
    close,
    state,
    count: () => peers.size,
  };
})();
