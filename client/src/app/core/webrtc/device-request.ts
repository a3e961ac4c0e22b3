import { MediaDeviceFailure, mediaDeviceFailureOf, type DeviceKind } from './media-device-failure';
import type { MediaDevicesPort } from './platform';

/**
 * The getUserMedia requests for one kind of device, without state: which
 * track is current, and whether a result is still wanted, is LocalDevice's
 * business.
 */
export class DeviceRequest {
  constructor(
    readonly kind: DeviceKind,
    private readonly devices: MediaDevicesPort,
    private readonly baseConstraints: MediaTrackConstraints,
  ) {}

  /** The constraints, on the given device if any. */
  constraints(deviceId: ConstrainDOMString | undefined): MediaTrackConstraints {
    return deviceId === undefined ? this.baseConstraints : { ...this.baseConstraints, deviceId };
  }

  /**
   * The remembered device (an `ideal` id), else the browser's default: a
   * remembered camera that another app holds (or that is unplugged) should
   * not leave the person without one when another works. A refusal is not
   * retried (it would be refused again).
   */
  async rememberedOrDefault(remembered: ConstrainDOMString | undefined): Promise<MediaStreamTrack | null> {
    try {
      return await this.request(this.constraints(remembered));
    } catch (error) {
      if (remembered === undefined || mediaDeviceFailureOf(error) === MediaDeviceFailure.PermissionDenied) throw error;
      console.warn(`Parley: the chosen ${this.kind} could not start; trying the default one`, error);
      return this.request(this.constraints(undefined));
    }
  }

  /**
   * Opens one device by exact id, so no other device stands in. A phone
   * often cannot open a second camera while one is open (NotReadableError);
   * then `previous` is stopped first and the request repeated, accepting a
   * short gap over no switch.
   */
  async exact(deviceId: string, previous: MediaStreamTrack | null): Promise<MediaStreamTrack> {
    try {
      return await this.open(deviceId);
    } catch (error) {
      if (!previous || mediaDeviceFailureOf(error) !== MediaDeviceFailure.DeviceInUse) throw error;
      previous.stop();
      return this.open(deviceId);
    }
  }

  /** Reopens the device `stopped` came from, after a switch away from it failed; null if it cannot. */
  async reopen(stopped: MediaStreamTrack): Promise<MediaStreamTrack | null> {
    const deviceId = stopped.getSettings().deviceId;
    if (!deviceId) return null;
    try {
      return await this.open(deviceId);
    } catch (error) {
      console.warn(`Parley: could not reopen the ${this.kind} after a failed switch`, error);
      return null;
    }
  }

  private async open(deviceId: string): Promise<MediaStreamTrack> {
    const track = await this.request(this.constraints({ exact: deviceId }));
    if (!track) throw new DOMException(`no ${this.kind} track`, 'NotFoundError');
    return track;
  }

  private async request(constraints: MediaTrackConstraints): Promise<MediaStreamTrack | null> {
    const video = this.kind === 'camera';
    const stream = await this.devices.getUserMedia(video ? { video: constraints } : { audio: constraints });
    return (video ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
  }
}
