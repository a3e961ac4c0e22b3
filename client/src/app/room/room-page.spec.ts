import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FakeMediaDevices } from '../../testing/media-fakes';
import { MEDIA_DEVICES } from '../core/webrtc/platform';
import { RoomPage } from './room-page';

describe('RoomPage', () => {
  let fixture: ComponentFixture<RoomPage>;
  const element = () => fixture.nativeElement as HTMLElement;

  function render(room: string): void {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: MEDIA_DEVICES, useValue: new FakeMediaDevices() }],
    });
    fixture = TestBed.createComponent(RoomPage);
    fixture.componentRef.setInput('room', room);
    fixture.detectChanges();
  }

  afterEach(() => fixture.destroy());

  it('explains an invalid room id and offers the way home', () => {
    render('no spaces allowed');
    expect(element().querySelector('h1')?.textContent).toContain("doesn't look right");
    expect(element().querySelector('a[href="/"]')?.textContent).toContain('Back to start');
  });

  it('shows the lobby for a valid room id', () => {
    render('abcde-fghjk');
    expect(element().querySelector('parley-lobby')).not.toBeNull();
  });
});
