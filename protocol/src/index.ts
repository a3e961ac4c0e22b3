/**
 * Parley's wire contract, shared by the Angular client and the NestJS gateway.
 * No framework imports: zod schemas, types and small pure helpers only.
 */
export * from './errors';
export * from './ids';
export * from './media';
export * from './participants';
export * from './chat';
export * from './reactions';
export * from './events';
export * from './join-result';
export * from './validate';
