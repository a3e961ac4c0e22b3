// First: zod must be told before @parley/protocol builds its schemas.
import './app/core/config/zod-without-eval';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => console.error('Parley failed to start', error));
