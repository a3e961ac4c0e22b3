import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SwUpdate } from '@angular/service-worker';
import { App } from './app';
import { ActiveCall } from './pwa/active-call';
import { OfflineScreen } from './pwa/offline-screen';
import { OnlineStatus } from './pwa/online-status';

/** Makes `navigator.onLine` read `value` and fires the matching window event. */
function goOnline(value: boolean): void {
  spyOnProperty(navigator, 'onLine').and.returnValue(value);
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

describe('OfflineScreen', () => {
  let fixture: ComponentFixture<OfflineScreen>;
  const element = () => fixture.nativeElement as HTMLElement;

  beforeEach(() => {
    fixture = TestBed.createComponent(OfflineScreen);
    fixture.detectChanges();
  });

  it('says the person is offline and that a meeting needs a connection', () => {
    expect(element().querySelector('h1')?.textContent).toBe("You're offline");
    expect(element().textContent).toContain('Parley needs a connection to join a meeting');
  });

  it('says "Still offline" when "Try again" finds no network', () => {
    spyOnProperty(navigator, 'onLine').and.returnValue(false);
    element().querySelector('button')?.click();
    fixture.detectChanges();
    expect(element().querySelector('[role="status"]')?.textContent).toContain('Still offline');
  });

  it('lets "Try again" notice a network that came back without an event', () => {
    const status = TestBed.inject(OnlineStatus);
    spyOnProperty(navigator, 'onLine').and.returnValue(true);
    element().querySelector('button')?.click();
    expect(status.online()).toBeTrue();
  });
});

describe('App shell offline', () => {
  /** The shell's update prompt needs the service worker's SwUpdate; here it is off, as in development. */
  const shellProviders = [provideRouter([]), { provide: SwUpdate, useValue: { isEnabled: false } }];

  it('shows the offline screen instead of the screens while offline, and the screens again once online', () => {
    TestBed.configureTestingModule({ providers: shellProviders });
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).toBeNull();
    expect(element.querySelector('router-outlet')).not.toBeNull();

    goOnline(false);
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).not.toBeNull();
    expect(element.querySelector('router-outlet')).toBeNull();
  });

  it('comes back by itself when the network returns', () => {
    TestBed.configureTestingModule({ providers: shellProviders });
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    const onLine = spyOnProperty(navigator, 'onLine').and.returnValue(false);
    window.dispatchEvent(new Event('offline'));
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).not.toBeNull();
    onLine.and.returnValue(true);
    window.dispatchEvent(new Event('online'));
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).toBeNull();
  });

  it('keeps a call on screen through a network loss', () => {
    TestBed.configureTestingModule({ providers: shellProviders });
    const release = TestBed.inject(ActiveCall).hold();
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    goOnline(false);
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).toBeNull();
    expect(element.querySelector('router-outlet')).not.toBeNull();
    release();
    fixture.detectChanges();
    expect(element.querySelector('parley-offline-screen')).withContext('after the call').not.toBeNull();
  });
});
