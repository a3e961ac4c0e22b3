import { missingCapabilities, type BrowserGlobals } from './browser-support';

class FakePeerConnection {}
const CAPABLE: BrowserGlobals = {
  isSecureContext: true,
  RTCPeerConnection: FakePeerConnection,
  navigator: { mediaDevices: { getUserMedia: () => Promise.resolve() } },
};

describe('missingCapabilities', () => {
  it('finds nothing missing in a capable browser on a secure page', () => {
    expect(missingCapabilities(CAPABLE)).toEqual([]);
  });

  it('finds nothing missing in the browser running these specs', () => {
    expect(missingCapabilities(globalThis as BrowserGlobals)).toEqual([]);
  });

  it('reports an insecure page, not the camera API it hides', () => {
    expect(missingCapabilities({ ...CAPABLE, isSecureContext: false, navigator: {} })).toEqual(['secure-context']);
  });

  it('reports a browser without RTCPeerConnection', () => {
    expect(missingCapabilities({ ...CAPABLE, RTCPeerConnection: undefined })).toEqual(['peer-connection']);
  });

  it('reports a secure page without getUserMedia (an in-app browser)', () => {
    expect(missingCapabilities({ ...CAPABLE, navigator: { mediaDevices: {} } })).toEqual(['media-devices']);
    expect(missingCapabilities({ ...CAPABLE, navigator: {} })).toEqual(['media-devices']);
  });

  it('reports every gap of an insecure page in a browser without WebRTC', () => {
    expect(missingCapabilities({ isSecureContext: false })).toEqual(['secure-context', 'peer-connection']);
  });
});
