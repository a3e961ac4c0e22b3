// The CPU priority the test runs give Parley's own processes (Janus and the
// gateway). In a real meeting the browsers run on other machines; in the
// tests eight headless Chromiums share two cores with the server, and at an
// equal priority they starve it: the gateway's event loop then stalls for
// seconds (answers past the clients' 10 s timeout) and Janus discards
// packets older than a second. scripts/test.mjs sets PARLEY_SERVER_NICE
// (when it may: lowering a nice value needs root); `npm start` and the
// benchmarks leave it unset and run everything alike.

/**
 * `[command, args]` to spawn, run through `nice -n $PARLEY_SERVER_NICE`
 * when that is set (nice execs the command: the pid stays the same).
 */
export function withServerPriority(command, args) {
  const nice = process.env.PARLEY_SERVER_NICE;
  return nice ? ['nice', ['-n', nice, command, ...args]] : [command, args];
}
