import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { buildViewReport, videoKey, viewReports, type MediaView, type ShownVideo, type ViewReportInput, type ViewSnapshot } from './view-report';

const streams: ViewReportInput['streams'] = [
  { mid: '0', participantId: 'ada', kind: 'audio', source: 'microphone' },
  { mid: '1', participantId: 'ada', kind: 'video', source: 'camera' },
  { mid: '2', participantId: 'bob', kind: 'audio', source: 'microphone' },
  { mid: '3', participantId: 'bob', kind: 'video', source: 'camera' },
  { mid: '4', participantId: 'cy', kind: 'video', source: 'camera' },
];

function input(shown: Record<string, ShownVideo>, extra: Partial<ViewReportInput> = {}): ViewReportInput {
  return { streams, shown: new Map(Object.entries(shown)), pageVisible: true, devicePixelRatio: 1, ...extra };
}

const onScreen = (width: number, height: number): ShownVideo => ({ width, height, onScreen: true });

describe('buildViewReport', () => {
  it('reports every remote video mid and no audio mid', () => {
    const report = buildViewReport(input({}));
    expect(report.map((v) => v.mid)).toEqual(['1', '3', '4']);
  });

  it('reports a video shown on screen as visible at its size', () => {
    const report = buildViewReport(input({ [videoKey('ada', 'camera')]: onScreen(320, 180) }));
    expect(report[0]).toEqual({ mid: '1', visible: true, width: 320, height: 180 });
  });

  it('scales sizes by devicePixelRatio and rounds them to whole pixels', () => {
    const report = buildViewReport(input({ [videoKey('ada', 'camera')]: onScreen(160.4, 90.2) }, { devicePixelRatio: 3 }));
    expect(report[0]).toEqual({ mid: '1', visible: true, width: 481, height: 271 });
  });

  it('reports a video without an element (another page, camera off) as invisible', () => {
    const report = buildViewReport(input({ [videoKey('ada', 'camera')]: onScreen(320, 180) }));
    expect(report[1]).toEqual({ mid: '3', visible: false, width: 0, height: 0 });
  });

  it('reports a video scrolled out of view as invisible', () => {
    const report = buildViewReport(input({ [videoKey('bob', 'camera')]: { width: 160, height: 90, onScreen: false } }));
    expect(report[1]?.visible).toBeFalse();
  });

  it('reports a video with no size (display: none) as invisible', () => {
    const report = buildViewReport(input({ [videoKey('bob', 'camera')]: onScreen(0, 0) }));
    expect(report[1]?.visible).toBeFalse();
  });

  it('reports everything invisible while the tab is hidden', () => {
    const shown = { [videoKey('ada', 'camera')]: onScreen(320, 180), [videoKey('bob', 'camera')]: onScreen(320, 180) };
    expect(buildViewReport(input(shown, { pageVisible: false })).some((v) => v.visible)).toBeFalse();
  });

  it('keeps a person’s camera and screen apart', () => {
    const withScreen = [...streams, { mid: '5', participantId: 'ada', kind: 'video' as const, source: 'screen' as const }];
    const report = buildViewReport(input({ [videoKey('ada', 'screen')]: onScreen(1280, 720) }, { streams: withScreen }));
    expect(report.find((v) => v.mid === '1')?.visible).toBeFalse();
    expect(report.find((v) => v.mid === '5')).toEqual({ mid: '5', visible: true, width: 1280, height: 720 });
  });
});

describe('viewReports', () => {
  const view = (height: number): MediaView => ({ mid: '1', visible: true, width: height * 2, height });

  function run(marbles: string, snapshots: Record<string, ViewSnapshot>, expected: string, values: Record<string, readonly MediaView[]>): void {
    const scheduler = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
    scheduler.run(({ cold, expectObservable }) => {
      const changes = cold(marbles);
      let current: ViewSnapshot = { generation: 0, views: [] };
      changes.subscribe((key) => (current = snapshots[key as string] ?? current));
      expectObservable(viewReports(changes, () => current, 300, scheduler)).toBe(expected, values);
    });
  }

  it('sends one report 300 ms after a burst of changes settles', () => {
    run('a 50ms b 50ms c', { a: { generation: 1, views: [view(90)] }, b: { generation: 1, views: [view(100)] }, c: { generation: 1, views: [view(110)] } }, '402ms x', {
      x: [view(110)],
    });
  });

  it('does not send the same report twice for the same streams', () => {
    const same = { generation: 1, views: [view(90)] };
    run('a 400ms b', { a: same, b: { ...same, views: [view(90)] } }, '300ms x', { x: [view(90)] });
  });

  it('sends the same views again for new subscriber streams', () => {
    run('a 400ms b', { a: { generation: 1, views: [view(90)] }, b: { generation: 2, views: [view(90)] } }, '300ms x 400ms x', {
      x: [view(90)],
    });
  });

  it('sends nothing while there is no remote video', () => {
    run('a', { a: { generation: 1, views: [] } }, '', {});
  });

  it('is quiet without changes', () => {
    const changes = new Subject<void>();
    const sent: unknown[] = [];
    viewReports(changes, () => ({ generation: 1, views: [view(90)] })).subscribe((v) => sent.push(v));
    expect(sent).toEqual([]);
  });
});
