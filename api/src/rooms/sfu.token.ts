/**
 * Nest injection token for the {@link import('./sfu').Sfu} port. A symbol,
 * not the interface, because interfaces do not exist at run time; provided
 * by `JanusModule` (api/src/janus/), faked in the rooms unit tests.
 */
export const SFU = Symbol('SFU');
