import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FakeGateway, refusal } from '../../testing/fake-gateway';
import { settle } from '../../testing/async';
import { SignalingClient } from '../core/signaling/signaling-client';
import { KnockPrompts } from './knock-prompts';
import { KnockQueue } from './knock-queue';

describe('KnockPrompts', () => {
  let gateway: FakeGateway;
  let fixture: ComponentFixture<KnockPrompts>;

  const element = () => fixture.nativeElement as HTMLElement;
  const byLabel = (label: string) => element().querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const prompts = () => Array.from(element().querySelectorAll('[role="group"]')).map((g) => g.getAttribute('aria-label'));

  beforeEach(() => {
    gateway = new FakeGateway();
    TestBed.configureTestingModule({ providers: [SignalingClient, KnockQueue, ...gateway.providers()] });
    TestBed.inject(SignalingClient).open();
    fixture = TestBed.createComponent(KnockPrompts);
    fixture.detectChanges();
  });

  afterEach(() => TestBed.inject(SignalingClient).close());

  it('shows nothing while nobody knocks, with the live region already in place', () => {
    expect(prompts()).toEqual([]);
    expect(element().querySelector('[role="status"]')).not.toBeNull();
  });

  it('shows "Ada wants to join" with Admit and Deny named after her, and announces it politely', () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    fixture.detectChanges();
    expect(prompts()).toEqual(['Ada wants to join']);
    expect(element().textContent).toContain('Ada wants to join');
    expect(byLabel('Admit Ada')?.textContent?.trim()).toBe('Admit');
    expect(byLabel('Deny Ada')?.textContent?.trim()).toBe('Deny');
    expect(element().querySelector('[role="status"]')?.textContent?.trim()).toBe('Ada wants to join');
  });

  it('admits with host.admit and removes the prompt', async () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    fixture.detectChanges();
    byLabel('Admit Ada')?.click();
    await settle();
    fixture.detectChanges();
    expect(gateway.sent('host.admit').map((r) => r.payload)).toEqual([{ requestId: 'r1', admit: true }]);
    expect(prompts()).toEqual([]);
  });

  it('denies with host.admit {admit:false}', async () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    fixture.detectChanges();
    byLabel('Deny Ada')?.click();
    await settle();
    expect(gateway.sent('host.admit').map((r) => r.payload)).toEqual([{ requestId: 'r1', admit: false }]);
  });

  it('removes the prompt on lobby.resolved (another host answered, or the knocker left)', () => {
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    gateway.push('lobby.knocking', { requestId: 'r2', name: 'Bob' });
    gateway.push('lobby.resolved', { requestId: 'r1' });
    fixture.detectChanges();
    expect(prompts()).toEqual(['Bob wants to join']);
  });

  it('says when an answer failed and keeps the prompt', async () => {
    gateway.handlers['host.admit'] = () => refusal('auth.forbidden');
    gateway.push('lobby.knocking', { requestId: 'r1', name: 'Ada' });
    fixture.detectChanges();
    byLabel('Admit Ada')?.click();
    await settle();
    fixture.detectChanges();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Could not admit Ada');
    expect(prompts()).toEqual(['Ada wants to join']);
  });
});
