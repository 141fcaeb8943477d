// Browser-side code for the spine e2e test (plain JS, injected as a file: see toolchain.md §5).
// A loopback pair inside one page: pc1 sends the fake camera and microphone, AV1 only; pc2 receives and is
// the "viewer" whose getStats the real Kansoku collector (the embeddable bundle) reports.
window.startLoopback = async (server, eventId) => {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  pc2.ontrack = (e) => {
    document.getElementById('video').srcObject = e.streams[0];
  };
  const av1 = RTCRtpReceiver.getCapabilities('video').codecs.filter(
    (c) => c.mimeType === 'video/AV1' && /profile=0/.test(c.sdpFmtpLine ?? ''),
  );
  if (av1.length === 0) throw new Error('this Chromium cannot receive AV1');
  for (const track of stream.getTracks()) {
    const transceiver = pc1.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    if (track.kind === 'video') transceiver.setCodecPreferences(av1);
  }
  await pc1.setLocalDescription(await pc1.createOffer());
  await pc2.setRemoteDescription(pc1.localDescription);
  await pc2.setLocalDescription(await pc2.createAnswer());
  await pc1.setRemoteDescription(pc2.localDescription);
  window.kansoku = window.KansokuCollector.attach(pc2, { server, eventId });
  window.viewerPc = pc2;
  // The embed fetches its own viewer ticket; the session id is the server's, known once the collector is connected.
  return window.kansoku.ready;
};
