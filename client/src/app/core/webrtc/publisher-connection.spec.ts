import type { IceCandidate, PublishedTrack, RidOrder, Sdp } from '@parley/protocol';
import { until } from '../../../testing/async';
import { audioTrack, videoTrack } from '../../../testing/media-fakes';
import { DEFAULT_SIMULCAST_ENCODINGS } from '../config/media-config';
import { PublisherConnection } from './publisher-connection';

/** Publishes against a real RTCPeerConnection standing in for Janus's VideoRoom. */
describe('PublisherConnection', () => {
  let janus: RTCPeerConnection;
  let publisher: PublisherConnection;
  let published: { offer: Sdp; tracks: readonly PublishedTrack[]; ridOrder: RidOrder | undefined }[];
  let trickled: IceCandidate[];
  let created: RTCPeerConnection[];

  beforeEach(() => {
    published = [];
    trickled = [];
    created = [];
    janus = new RTCPeerConnection();
    publisher = new PublisherConnection({
      iceServers: [],
      encodings: DEFAULT_SIMULCAST_ENCODINGS,
      createPeerConnection: (configuration) => {
        const pc = new RTCPeerConnection(configuration);
        created.push(pc);
        return pc;
      },
      signaling: {
        publish: async (offer, tracks, ridOrder) => {
          published.push({ offer, tracks, ridOrder });
          await janus.setRemoteDescription(offer);
          await janus.setLocalDescription(await janus.createAnswer());
          return { type: 'answer', sdp: janus.localDescription?.sdp ?? '' };
        },
        trickle: (candidate) => trickled.push(candidate),
      },
    });
  });

  afterEach(() => {
    publisher.close();
    janus.close();
  });

  it('declares which mid carries the microphone and which the camera', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    expect(published[0]?.tracks.map(({ mid, source }) => ({ mid, source }))).toEqual([
      { mid: '0', source: 'microphone' },
      { mid: '1', source: 'camera' },
    ]);
  });

  it('tells the gateway the size the camera sends at full resolution', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    expect(published[0]?.tracks[1]).toEqual({ mid: '1', source: 'camera', width: 160, height: 90 });
  });

  it('offers the camera in three simulcast layers h, m and l', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    expect(published[0]?.offer.sdp).toMatch(/a=simulcast:send h;m;l/);
  });

  it('tells the gateway the order its offer lists the simulcast layers in', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    expect(published[0]?.ridOrder).toBe('hml');
  });

  it('sends no rid order while only the microphone is published', async () => {
    await publisher.publish({ microphone: audioTrack() });
    expect(published[0]?.ridOrder).toBeUndefined();
  });

  it('sends only, receiving nothing', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    const directions = created[0]?.getTransceivers().map((t) => t.direction);
    expect(directions).toEqual(['sendonly', 'sendonly']);
  });

  it('publishes only the microphone when there is no camera', async () => {
    await publisher.publish({ microphone: audioTrack() });
    expect(published[0]?.tracks).toEqual([{ mid: '0', source: 'microphone' }]);
  });

  it('keeps an m-line for a camera that is off, so turning it on needs no renegotiation', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: null });
    const camera = videoTrack();
    await publisher.setTrack('camera', camera);
    expect(published.length).toBe(1);
    expect(created[0]?.getTransceivers()[1]?.sender.track).toBe(camera);
  });

  it('swaps the camera track with replaceTrack, without a new offer', async () => {
    await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
    await publisher.setTrack('camera', null);
    expect(published.length).toBe(1);
    expect(created[0]?.getTransceivers()[1]?.sender.track).toBeNull();
  });

  it('negotiates again to add a source that was not published', async () => {
    await publisher.publish({ microphone: audioTrack() });
    await publisher.setTrack('camera', videoTrack());
    expect(published.length).toBe(2);
    expect(published[1]?.tracks.map((t) => t.source)).toEqual(['microphone', 'camera']);
  });

  describe('screen share', () => {
    /** The m-section of `mid` in an SDP. */
    const section = (sdp: string | undefined, mid: string) =>
      (sdp ?? '').split(/\r?\n(?=m=)/).find((part) => new RegExp(`^a=mid:${mid}\\r?$`, 'm').test(part)) ?? '';

    it('adds the screen as its own m-line and publishes it as screen with its size, beside microphone and camera', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: null });
      expect(published.length).toBe(2);
      expect(published[1]?.tracks).toEqual([
        { mid: '0', source: 'microphone' },
        { mid: '1', source: 'camera', width: 160, height: 90 },
        { mid: '2', source: 'screen', width: 160, height: 90 },
      ]);
    });

    it('sends the screen as one encoding, capped at 2 Mbit/s and 15 frames a second, without simulcast', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: null });
      expect(section(published[1]?.offer.sdp, '2')).not.toMatch(/a=simulcast|a=rid/);
      const encodings = created[0]?.getTransceivers()[2]?.sender.getParameters().encodings;
      expect(encodings?.length).toBe(1);
      expect(encodings?.[0]).toEqual(jasmine.objectContaining({ maxBitrate: 2_000_000, maxFramerate: 15 }));
    });

    it('asks the encoder to keep the resolution of the screen rather than its frame rate', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: null });
      expect(created[0]?.getTransceivers()[2]?.sender.getParameters().degradationPreference).toBe('maintain-resolution');
    });

    it('publishes the screen audio as its own stream', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: audioTrack() });
      expect(published[1]?.tracks.map((t) => t.source)).toEqual(['microphone', 'camera', 'screen', 'screen-audio']);
    });

    it('publishes without the screen once it stops, its m-lines inactive', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: audioTrack() });
      await publisher.stopScreen();
      expect(published.length).toBe(3);
      expect(published[2]?.tracks.map((t) => t.source)).toEqual(['microphone', 'camera']);
      expect(section(published[2]?.offer.sdp, '2')).toMatch(/^a=inactive\r?$/m);
      expect(section(published[2]?.offer.sdp, '3')).toMatch(/^a=inactive\r?$/m);
      expect(created[0]?.getTransceivers()[2]?.sender.track).toBeNull();
    });

    it('leaves the camera and microphone senders untouched while a share starts and stops', async () => {
      const camera = videoTrack();
      const microphone = audioTrack();
      await publisher.publish({ microphone, camera });
      const [micSender, cameraSender] = (created[0]?.getTransceivers() ?? []).map((t) => t.sender);
      const cameraEncodings = cameraSender?.getParameters().encodings.map((e) => e.rid);
      await publisher.startScreen({ video: videoTrack(), audio: audioTrack() });
      await publisher.stopScreen();
      const [micAfter, cameraAfter] = (created[0]?.getTransceivers() ?? []).map((t) => t.sender);
      expect(cameraAfter).toBe(cameraSender);
      expect(micAfter).toBe(micSender);
      expect(cameraAfter?.track).toBe(camera);
      expect(micAfter?.track).toBe(microphone);
      expect(cameraAfter?.getParameters().encodings.map((e) => e.rid)).toEqual(cameraEncodings ?? []);
      expect(published.every((p) => p.tracks.some((t) => t.source === 'camera' && t.mid === '1'))).toBeTrue();
      expect(created[0]?.getTransceivers()[1]?.direction).toBe('sendonly');
    });

    it('takes the same m-lines back for the next share', async () => {
      await publisher.publish({ microphone: audioTrack(), camera: videoTrack() });
      await publisher.startScreen({ video: videoTrack(), audio: audioTrack() });
      await publisher.stopScreen();
      const next = videoTrack();
      await publisher.startScreen({ video: next, audio: null });
      expect(created[0]?.getTransceivers().length).toBe(4);
      expect(created[0]?.getTransceivers()[2]?.sender.track).toBe(next);
      expect(published[3]?.tracks.map(({ mid, source }) => ({ mid, source }))).toEqual([
        { mid: '0', source: 'microphone' },
        { mid: '1', source: 'camera' },
        { mid: '2', source: 'screen' },
      ]);
    });

    it('shares a screen for a viewer who publishes nothing else', async () => {
      await publisher.startScreen({ video: videoTrack(), audio: null });
      expect(published[0]?.tracks.map((t) => t.source)).toEqual(['screen']);
    });

    it('does nothing to stop when no screen was shared', async () => {
      await publisher.publish({ microphone: audioTrack() });
      await publisher.stopScreen();
      expect(published.length).toBe(1);
    });
  });

  it('trickles local candidates only after the answer, ending with null', async () => {
    await publisher.publish({ microphone: audioTrack() });
    await until(() => trickled.includes(null));
    expect(trickled.at(-1)).toBeNull();
  });

  it('closes its peer connection once, however often it is closed', async () => {
    await publisher.publish({ microphone: audioTrack() });
    publisher.close();
    publisher.close();
    expect(created[0]?.connectionState).toBe('closed');
    expect(publisher.state()).toBe('closed');
  });
});
