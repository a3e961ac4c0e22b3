import type { Routes } from '@angular/router';
import { HomePage } from './home/home-page';
import { browserCanCall } from './unsupported/browser-can-call';

export const routes: Routes = [
  { path: '', component: HomePage, title: 'Parley' },
  {
    path: 'r/:room',
    canMatch: [browserCanCall],
    loadComponent: () => import('./room/room-page').then((m) => m.RoomPage),
    title: 'Meeting · Parley',
  },
  // The same address in a browser that cannot call (insecure page, no WebRTC): what is missing and what to use.
  {
    path: 'r/:room',
    loadComponent: () => import('./unsupported/unsupported-page').then((m) => m.UnsupportedPage),
    title: "Browser can't join · Parley",
  },
  {
    path: 'r/:room/left',
    loadComponent: () => import('./left/left-page').then((m) => m.LeftPage),
    title: 'Left the meeting · Parley',
  },
  { path: '**', redirectTo: '' },
];
