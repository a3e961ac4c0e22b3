import type { Routes } from '@angular/router';
import { HomePage } from './home/home-page';

export const routes: Routes = [
  { path: '', component: HomePage, title: 'Parley' },
  {
    path: 'r/:room',
    loadComponent: () => import('./room/room-page').then((m) => m.RoomPage),
    title: 'Meeting · Parley',
  },
  {
    path: 'r/:room/left',
    loadComponent: () => import('./left/left-page').then((m) => m.LeftPage),
    title: 'Left the meeting · Parley',
  },
  { path: '**', redirectTo: '' },
];
