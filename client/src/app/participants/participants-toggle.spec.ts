import { ComponentFixture, TestBed } from '@angular/core/testing';
import { participant } from '../../testing/participants';
import { ParticipantsStore } from '../core/call/participants-store';
import { SidePanelState } from '../ui/side-panel';
import { ParticipantsToggle } from './participants-toggle';

describe('ParticipantsToggle', () => {
  let fixture: ComponentFixture<ParticipantsToggle>;
  const button = () => (fixture.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [ParticipantsStore] });
    TestBed.inject(SidePanelState).open.set(null);
    TestBed.inject(ParticipantsStore).dispatch({ type: 'snapshot', self: participant('me'), others: [participant('bob'), participant('cy')] });
    fixture = TestBed.createComponent(ParticipantsToggle);
    fixture.detectChanges();
  });

  it('is named "Participants" with the count, oneself included, and shows it', () => {
    expect(button().getAttribute('aria-label')).toBe('Participants, 3');
    expect(button().querySelector('.badge')?.textContent?.trim()).toBe('3');
  });

  it('follows people joining', () => {
    TestBed.inject(ParticipantsStore).dispatch({ type: 'joined', participant: participant('di') });
    fixture.detectChanges();
    expect(button().getAttribute('aria-label')).toBe('Participants, 4');
  });

  it('opens the participants panel, and closes it when pressed again', () => {
    const panels = TestBed.inject(SidePanelState);
    button().click();
    fixture.detectChanges();
    expect(panels.open()).toBe('participants');
    expect(button().getAttribute('aria-expanded')).toBe('true');
    button().click();
    expect(panels.open()).toBeNull();
  });

  it('closes the chat when the participants panel opens (one side panel at a time)', () => {
    const panels = TestBed.inject(SidePanelState);
    panels.open.set('chat');
    button().click();
    expect(panels.open()).toBe('participants');
  });
});
