import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LeftPage } from './left-page';

describe('LeftPage', () => {
  let fixture: ComponentFixture<LeftPage>;
  const element = () => fixture.nativeElement as HTMLElement;

  function render(reason?: string): void {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fixture = TestBed.createComponent(LeftPage);
    fixture.componentRef.setInput('room', 'abcde-fghjk');
    fixture.componentRef.setInput('reason', reason);
    fixture.detectChanges();
  }

  it('says the person left, offering Rejoin and Back to start', () => {
    render();
    expect(element().querySelector('h1')?.textContent).toBe('You left the meeting');
    const actions = Array.from(element().querySelectorAll('button, a')).map((e) => e.textContent?.trim());
    expect(actions).toEqual(['Rejoin', 'Back to start']);
  });

  it('rejoins the same room, asking it to join at once', () => {
    render();
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    (element().querySelector('button') as HTMLButtonElement).click();
    expect(navigate).toHaveBeenCalledWith(['/r', 'abcde-fghjk'], { state: { rejoin: true } });
  });

  it('offers no Rejoin to someone who was removed', () => {
    render('removed');
    expect(element().querySelector('h1')?.textContent).toBe('You were removed from the meeting');
    expect(element().querySelector('button')).toBeNull();
  });
});
