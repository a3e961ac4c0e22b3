import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { InstallButton } from './install-button';
import { InstallPrompt } from './install-prompt';

/** A `beforeinstallprompt` as Chromium fires it, with a prompt that records being opened. */
function installOffer(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
    prompt: jasmine.Spy;
    userChoice: Promise<{ outcome: string }>;
  };
  event.prompt = jasmine.createSpy('prompt').and.resolveTo();
  event.userChoice = Promise.resolve({ outcome });
  return event;
}

describe('InstallButton', () => {
  let fixture: ComponentFixture<InstallButton>;
  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button');

  beforeEach(() => {
    TestBed.inject(InstallPrompt);
    fixture = TestBed.createComponent(InstallButton);
    fixture.detectChanges();
  });

  it('shows nothing where the browser offers no installation', () => {
    expect(button()).toBeNull();
  });

  it('shows "Install app" once the browser offers it, and keeps the browser from showing its own banner', () => {
    const offer = installOffer('accepted');
    window.dispatchEvent(offer);
    fixture.detectChanges();
    expect(button()?.textContent?.trim()).toBe('Install app');
    expect(offer.defaultPrevented).toBeTrue();
  });

  it("opens the browser's install dialog when pressed, once", async () => {
    const offer = installOffer('dismissed');
    window.dispatchEvent(offer);
    fixture.detectChanges();
    button()?.click();
    expect(offer.prompt).toHaveBeenCalledTimes(1);
    fixture.detectChanges();
    expect(button()).withContext('an offer is good for one prompt').toBeNull();
    expect(await TestBed.inject(InstallPrompt).install()).toBe('unavailable');
  });

  it('goes away once the app is installed', () => {
    window.dispatchEvent(installOffer('accepted'));
    fixture.detectChanges();
    window.dispatchEvent(new Event('appinstalled'));
    fixture.detectChanges();
    expect(button()).toBeNull();
  });
});
