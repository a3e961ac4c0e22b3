import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ControlBar } from './control-bar';

describe('ControlBar', () => {
  let fixture: ComponentFixture<ControlBar>;
  const names = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).map((b) => b.getAttribute('aria-label'));
  const byName = (name: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(`button[aria-label="${name}"]`) as HTMLButtonElement | null;

  function render(microphoneOn: boolean, cameraOn: boolean): void {
    fixture = TestBed.createComponent(ControlBar);
    fixture.componentRef.setInput('microphoneOn', microphoneOn);
    fixture.componentRef.setInput('cameraOn', cameraOn);
    fixture.detectChanges();
  }

  it('names every control by what it does while everything is on', () => {
    render(true, true);
    expect(names()).toEqual(['Mute microphone', 'Turn off camera', 'Leave call']);
  });

  it('names the controls for turning things back on while muted and camera off', () => {
    render(false, false);
    expect(names()).toEqual(['Unmute microphone', 'Turn on camera', 'Leave call']);
  });

  it('reflects a muted microphone in aria-pressed', () => {
    render(false, true);
    expect(byName('Unmute microphone')?.getAttribute('aria-pressed')).toBe('true');
    expect(byName('Turn off camera')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('updates names and pressed state when the inputs change', () => {
    render(true, true);
    fixture.componentRef.setInput('microphoneOn', false);
    fixture.detectChanges();
    expect(byName('Unmute microphone')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('asks to leave when "Leave call" is pressed', () => {
    render(true, true);
    let leaves = 0;
    fixture.componentInstance.leave.subscribe(() => leaves++);
    byName('Leave call')?.click();
    expect(leaves).toBe(1);
  });
});
