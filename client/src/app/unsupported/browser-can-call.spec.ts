import { TestBed } from '@angular/core/testing';
import type { Route, UrlSegment } from '@angular/router';
import { BROWSER_GLOBALS, type BrowserGlobals } from '../core/webrtc/browser-support';
import { browserCanCall } from './browser-can-call';

describe('browserCanCall', () => {
  function check(globals: BrowserGlobals): unknown {
    TestBed.configureTestingModule({ providers: [{ provide: BROWSER_GLOBALS, useValue: globals }] });
    return TestBed.runInInjectionContext(() => browserCanCall({} as Route, [] as UrlSegment[]));
  }

  it('lets the meeting route match in a browser that can call', () => {
    expect(check(globalThis as BrowserGlobals)).toBeTrue();
  });

  it('turns the meeting route away on an insecure page', () => {
    expect(check({ isSecureContext: false, RTCPeerConnection: class {} })).toBeFalse();
  });
});
