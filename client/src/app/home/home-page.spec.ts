import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { HomePage } from './home-page';

describe('HomePage', () => {
  let fixture: ComponentFixture<HomePage>;
  let navigate: jasmine.Spy;
  const element = () => fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
  });

  function submit(text: string): void {
    const input = element().querySelector('#meeting-code') as HTMLInputElement;
    input.value = text;
    button('Join').click();
    fixture.detectChanges();
  }

  it('starts a new meeting at a fresh valid room id', () => {
    button('Start a new meeting').click();
    const [commands] = navigate.calls.mostRecent().args as [string[]];
    expect(commands[0]).toBe('/r');
    expect(commands[1]).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
  });

  it('labels the join field "Meeting code or link"', () => {
    expect(element().querySelector('label[for="meeting-code"]')?.textContent?.trim()).toBe('Meeting code or link');
  });

  it('goes to the room named by a pasted link', () => {
    submit('https://meet.example.org/r/team-sync');
    expect(navigate).toHaveBeenCalledWith(['/r', 'team-sync']);
  });

  it('explains input that is neither a code nor a link, and stays', () => {
    submit('not a code!');
    expect(navigate).not.toHaveBeenCalled();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('not a meeting code or link');
  });
});
