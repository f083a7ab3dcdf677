/**
 * The V8 heap settings the service is started with (`npm start`, docker-compose, and every test,
 * bench and chaos run that starts `dist/src/main.js`; a unit test keeps them in step).
 *
 * - `--max-semi-space-size=64`: a young generation of 2 × 64 MB instead of V8's 2 × 16 MB. A request
 *   waits on PostgreSQL for a few ms, so with the default the scavenger runs several times a second
 *   under load and promotes every request still in flight to the old generation, which only a
 *   major GC frees. A larger young generation means fewer scavenges and fewer such promotions: at
 *   64 MB the API and worker used about 5 % less CPU per transition than at 32 MB, for about 60 MB
 *   more resident memory each (docs/performance.md).
 * - `--max-old-space-size=1024`: V8 sizes its next old-generation limit from this bound. Without it,
 *   on a machine with many GB of memory, V8 lets the old generation grow to hundreds of MB of
 *   garbage between major GCs, several times the live heap under load (about 80 MB). Raise it for a
 *   container with more memory, on the command line (`node --max-old-space-size=… dist/src/main.js`):
 *   a flag given there wins over NODE_OPTIONS.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--max-old-space-size=1024'];
