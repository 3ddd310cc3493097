import { setFlagsFromString } from 'node:v8';

/**
 * A realtime replica is mostly idle sockets and parked polls: little garbage, much long-lived
 * state. V8's default lets the old generation grow by up to 100 % between major collections, so
 * a connect burst leaves a heap about twice the live size for as long as the replica stays
 * quiet. Growing by 15 % keeps the resident size near the live size (measured in bench:rtm); the
 * cost is more frequent major collections, which an idle-socket heap makes cheap. The flag is read
 * at every heap-limit computation, so setting it at start-up (not on the command line) works.
 */
export function keepHeapNearLiveSize(): void {
  setFlagsFromString('--heap-growing-percent=15');
}
