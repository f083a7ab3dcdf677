/**
 * The V8 heap settings the service is started with (`npm start`, docker-compose, and every test,
 * bench and chaos run that starts `dist/src/main.js`; a unit test keeps them in step).
 *
 * - `--max-semi-space-size=32`: a young generation of 2 × 32 MB instead of V8's 2 × 16 MB. A request
 *   waits on PostgreSQL for a few ms, so with the default the scavenger ran about 8 times a second
 *   under load and promoted every request still in flight to the old generation. Measured in the
 *   bench: minor GCs 4× fewer, and fewer objects promoted that then only a major GC frees.
 * - `--max-old-space-size=1024`: V8 sizes its next old-generation limit from this bound. Without it
 *   (23.5 GB machine) the old generation grew to about 300 MB of mostly garbage between major GCs
 *   (API peak RSS 360–385 MB); with it, about 130 MB (peak RSS about 250 MB). The live heap under
 *   the bench's load is about 80 MB. Raise it for a container with more memory, on the command line
 *   (`node --max-old-space-size=… dist/src/main.js`): a flag given there wins over NODE_OPTIONS.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--max-old-space-size=1024'];
