import { signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LAYER_SELECTION } from '../core/config/media-config';
import { SignalingClient } from '../core/signaling/signaling-client';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';
import { until } from '../../testing/async';
import { CallConnections } from '../core/call/call-connections';
import { ViewReporter } from './view-reporter';

const track = (mid: string, participantId: string, kind: 'audio' | 'video'): RemoteTrack => ({
  mid,
  participantId,
  kind,
  source: kind === 'audio' ? 'microphone' : 'camera',
  track: { kind } as MediaStreamTrack,
});

describe('ViewReporter', () => {
  let sent: { event: string; payload: unknown }[];
  let tracks: WritableSignal<readonly RemoteTrack[]>;
  let elements: HTMLElement[];

  function setUp(layerSelection = true): ViewReporter {
    sent = [];
    elements = [];
    tracks = signal<readonly RemoteTrack[]>([track('0', 'ada', 'audio'), track('1', 'ada', 'video'), track('2', 'bob', 'video')]);
    TestBed.configureTestingModule({
      providers: [
        ViewReporter,
        { provide: CallConnections, useValue: { remoteTracks: tracks } },
        { provide: LAYER_SELECTION, useValue: layerSelection },
        {
          provide: SignalingClient,
          useValue: {
            request: (event: string, payload: unknown) => {
              sent.push({ event, payload });
              return Promise.resolve({});
            },
          },
        },
      ],
    });
    return TestBed.inject(ViewReporter);
  }

  function videoBox(width: number, height: number): HTMLElement {
    const element = document.createElement('div');
    element.style.cssText = `position: fixed; left: 0; top: 0; width: ${width}px; height: ${height}px;`;
    document.body.append(element);
    elements.push(element);
    return element;
  }

  afterEach(() => {
    TestBed.resetTestingModule();
    elements.forEach((element) => element.remove());
  });

  it('reports a shown video at its device-pixel size and the others as unseen, once things settle', async () => {
    const reporter = setUp();
    reporter.register(videoBox(320, 180), 'ada', 'camera');
    await until(() => sent.length > 0);
    const dpr = window.devicePixelRatio;
    expect(sent).toEqual([
      {
        event: 'media.view',
        payload: {
          views: [
            { mid: '1', visible: true, width: Math.round(320 * dpr), height: Math.round(180 * dpr) },
            { mid: '2', visible: false, width: 0, height: 0 },
          ],
        },
      },
    ]);
  });

  it('reports a video as unseen once its element is gone', async () => {
    const reporter = setUp();
    const stop = reporter.register(videoBox(320, 180), 'ada', 'camera');
    await until(() => sent.length === 1);
    stop();
    await until(() => sent.length === 2);
    expect((sent[1]?.payload as { views: { visible: boolean }[] }).views.every((v) => !v.visible)).toBeTrue();
  });

  it('sends the views again for a new set of streams', async () => {
    const reporter = setUp();
    reporter.register(videoBox(320, 180), 'ada', 'camera');
    await until(() => sent.length === 1);
    tracks.set([track('1', 'ada', 'video'), track('2', 'bob', 'video'), track('3', 'cy', 'video')]);
    await until(() => sent.length === 2);
    expect((sent[1]?.payload as { views: { mid: string }[] }).views.map((v) => v.mid)).toEqual(['1', '2', '3']);
  });

  it('sends nothing with layer selection off, but still knows what is on screen', async () => {
    const reporter = setUp(false);
    reporter.register(videoBox(320, 180), 'ada', 'camera');
    await until(() => reporter.visibleMids().has('1'));
    expect(sent).toEqual([]);
  });
});
