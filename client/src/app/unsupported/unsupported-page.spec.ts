import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BROWSER_GLOBALS, type BrowserGlobals } from '../core/webrtc/browser-support';
import { UnsupportedPage } from './unsupported-page';

describe('UnsupportedPage', () => {
  let fixture: ComponentFixture<UnsupportedPage>;
  const element = () => fixture.nativeElement as HTMLElement;
  const missing = () => Array.from(element().querySelectorAll('[data-missing]')).map((e) => e.getAttribute('data-missing'));

  function render(globals: BrowserGlobals): void {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: BROWSER_GLOBALS, useValue: globals }] });
    fixture = TestBed.createComponent(UnsupportedPage);
    fixture.componentRef.setInput('room', 'abcde-fghjk');
    fixture.detectChanges();
  }

  it('names the problem of an insecure page and what to do about it', () => {
    render({ isSecureContext: false, RTCPeerConnection: class {} });
    expect(element().querySelector('h1')?.textContent).toBe("This browser can't join the meeting");
    expect(missing()).toEqual(['secure-context']);
    expect(element().textContent).toContain('https');
  });

  it('tells a browser without WebRTC which browsers to use instead', () => {
    render({ isSecureContext: true, navigator: { mediaDevices: { getUserMedia: () => undefined } } });
    expect(missing()).toEqual(['peer-connection']);
    expect(element().textContent).toContain('Firefox, Chrome, Edge or Safari');
  });

  it('sends an in-app browser to the real one, with the meeting link to take along', () => {
    render({ isSecureContext: true, RTCPeerConnection: class {}, navigator: {} });
    expect(missing()).toEqual(['media-devices']);
    expect(element().querySelector('.link')?.textContent).toContain('/r/abcde-fghjk');
  });

  it('offers a way back to the start page', () => {
    render({ isSecureContext: false });
    expect(element().querySelector('a.button')?.textContent?.trim()).toBe('Back to start');
  });
});
