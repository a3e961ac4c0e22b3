import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DeviceToggle } from './device-toggle';

describe('DeviceToggle', () => {
  let fixture: ComponentFixture<DeviceToggle>;
  const button = () => fixture.nativeElement.querySelector('button') as HTMLButtonElement;

  function render(device: 'microphone' | 'camera', on: boolean): void {
    fixture = TestBed.createComponent(DeviceToggle);
    fixture.componentRef.setInput('device', device);
    fixture.componentRef.setInput('on', on);
    fixture.detectChanges();
  }

  it('offers to mute a live microphone, not pressed', () => {
    render('microphone', true);
    expect(button().getAttribute('aria-label')).toBe('Mute microphone');
    expect(button().getAttribute('aria-pressed')).toBe('false');
  });

  it('offers to unmute a muted microphone, pressed', () => {
    render('microphone', false);
    expect(button().getAttribute('aria-label')).toBe('Unmute microphone');
    expect(button().getAttribute('aria-pressed')).toBe('true');
  });

  it('offers to turn off a live camera', () => {
    render('camera', true);
    expect(button().getAttribute('aria-label')).toBe('Turn off camera');
  });

  it('offers to turn on a camera that is off, pressed', () => {
    render('camera', false);
    expect(button().getAttribute('aria-label')).toBe('Turn on camera');
    expect(button().getAttribute('aria-pressed')).toBe('true');
  });

  it('emits a toggle when clicked', () => {
    render('camera', true);
    let toggles = 0;
    fixture.componentInstance.toggled.subscribe(() => toggles++);
    button().click();
    expect(toggles).toBe(1);
  });
});
