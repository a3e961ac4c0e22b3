// Preloaded (`node --require`) into a gateway the bench profiles: V8 writes a
// `--cpu-prof` profile only when the process exits, not when a signal kills
// it, and Nest's shutdown hook ends by raising the signal again once the app
// is closed. This listener lets the first SIGTERM go to Nest and turns the
// raised one into a normal exit, so the profile is written.
'use strict';
process.on('SIGTERM', () => {
  if (process.listenerCount('SIGTERM') === 1) process.exit(0);
});
