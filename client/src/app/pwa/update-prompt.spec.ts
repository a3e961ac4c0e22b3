import { DOCUMENT } from '@angular/common';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { SwUpdate, type UnrecoverableStateEvent, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';
import { ActiveCall } from './active-call';
import { AppUpdates } from './app-updates';
import { UpdatePrompt } from './update-prompt';

describe('UpdatePrompt', () => {
  let fixture: ComponentFixture<UpdatePrompt>;
  let versions: Subject<VersionEvent>;
  let unrecoverable: Subject<UnrecoverableStateEvent>;
  const element = () => fixture.nativeElement as HTMLElement;
  const prompt = () => element().querySelector('[data-update-prompt]');

  const versionReady: VersionEvent = {
    type: 'VERSION_READY',
    currentVersion: { hash: 'old' },
    latestVersion: { hash: 'new' },
  };

  beforeEach(() => {
    versions = new Subject();
    unrecoverable = new Subject();
    const worker: Partial<SwUpdate> = {
      isEnabled: true,
      versionUpdates: versions,
      unrecoverable,
      checkForUpdate: () => Promise.resolve(false),
      activateUpdate: () => Promise.resolve(true),
    };
    TestBed.configureTestingModule({ providers: [{ provide: SwUpdate, useValue: worker }] });
    fixture = TestBed.createComponent(UpdatePrompt);
    fixture.detectChanges();
  });

  function render(): void {
    TestBed.tick();
    fixture.detectChanges();
  }

  it('says nothing until the service worker has a new version ready', () => {
    versions.next({ type: 'VERSION_DETECTED', version: { hash: 'new' } });
    render();
    expect(prompt()).toBeNull();
    versions.next(versionReady);
    render();
    expect(prompt()?.textContent).toContain('New version available');
    expect(element().querySelector('[role="status"]')?.contains(prompt())).toBeTrue();
  });

  it('waits while a call is on, and shows once it ends', () => {
    const release = TestBed.inject(ActiveCall).hold();
    versions.next(versionReady);
    render();
    expect(prompt()).withContext('during the call').toBeNull();
    release();
    render();
    expect(prompt()?.textContent).toContain('New version available');
  });

  it('hides again when a call starts before the person reloads', () => {
    versions.next(versionReady);
    render();
    expect(prompt()).not.toBeNull();
    const release = TestBed.inject(ActiveCall).hold();
    render();
    expect(prompt()).toBeNull();
    release();
  });

  it('keeps waiting while any of two overlapping call views holds the call', () => {
    const call = TestBed.inject(ActiveCall);
    const first = call.hold();
    const second = call.hold();
    versions.next(versionReady);
    first();
    first();
    render();
    expect(prompt()).toBeNull();
    second();
    render();
    expect(prompt()).not.toBeNull();
  });

  it('reloads into the new version with "Reload"', () => {
    const reload = spyOn(TestBed.inject(AppUpdates), 'reload').and.resolveTo();
    versions.next(versionReady);
    render();
    const button = Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Reload');
    button?.click();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('goes away with "Not now"', () => {
    versions.next(versionReady);
    render();
    const later = Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Not now');
    later?.click();
    render();
    expect(prompt()).toBeNull();
  });

  it('asks for a reload, without "Not now", when the cached app is broken', () => {
    unrecoverable.next({ type: 'UNRECOVERABLE_STATE', reason: 'cache gone' });
    render();
    expect(prompt()?.textContent).toContain('Parley needs to reload');
    expect(Array.from(element().querySelectorAll('button')).map((b) => b.textContent?.trim())).toEqual(['Reload']);
  });
});

describe('AppUpdates', () => {
  it('switches to the new version before reloading the page', async () => {
    const order: string[] = [];
    const worker: Partial<SwUpdate> = {
      isEnabled: true,
      versionUpdates: new Subject(),
      unrecoverable: new Subject(),
      activateUpdate: () => (order.push('activate'), Promise.resolve(true)),
    };
    const location = { reload: () => order.push('reload') };
    const document = { defaultView: null, location, visibilityState: 'visible', addEventListener: () => undefined, removeEventListener: () => undefined };
    TestBed.configureTestingModule({
      providers: [
        { provide: SwUpdate, useValue: worker },
        { provide: DOCUMENT, useValue: document },
      ],
    });
    await TestBed.inject(AppUpdates).reload();
    expect(order).toEqual(['activate', 'reload']);
  });
});
