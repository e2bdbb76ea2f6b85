/**
 * Shorter token creation stacks for processes this repository runs (the deployable app, its tests).
 *
 * cdktf 0.21 records where every token was created: `captureStackTrace` in
 * `cdktf/lib/tokens/private/stack-trace.js` captures a trace of every frame (it lifts
 * `Error.stackTraceLimit` to `Number.MAX_SAFE_INTEGER`) onto a plain object and reads its `stack` at
 * once. The trace is shown only when a token fails to resolve. cdktf has no switch for it: the App's
 * `stackTraces: false` only leaves stack traces out of annotation metadata, and the token classes
 * (`Intrinsic`, `Lazy`, the complex list and map references) capture regardless. Formatting those
 * traces took ~300 ms of a 60-region synth, and under jest, whose source-map-support maps every frame
 * of every trace to its TypeScript line, more than half of the test suite's time.
 *
 * V8's public stack trace API (https://v8.dev/docs/stack-trace-api: `Error.captureStackTrace`,
 * "Customizing stack traces") lets a process capture and format traces itself. This hook captures the
 * traces of objects that are not errors (cdktf's creation stacks) at most {@link CAPTURED_FRAMES} deep,
 * and formats only their first {@link CREATION_FRAMES} frames outside `node_modules`, where the library
 * and its callers created the token; errors are captured and formatted as before. It relies on no
 * private module of cdktf: if cdktf captured onto an `Error` instead, its traces would be whole again,
 * as without the hook. It is installed by processes, never by the library, which must not change a
 * global its users own.
 */

/** Frames kept in a token's creation stack. */
export const CREATION_FRAMES = 4;
/** Frames captured for a token's creation stack: cdktf's own frames come first. */
export const CAPTURED_FRAMES = 24;

const installed = Symbol.for('cdktf-azure-batch/creation-stacks');

/** Installs the hook once per process (per jest test file, whose globals are its own). */
export function shortenCreationStacks(): void {
  const holder = Error as unknown as Record<symbol, boolean>;
  if (holder[installed]) return;
  holder[installed] = true;
  const capture = Error.captureStackTrace.bind(Error);
  Error.captureStackTrace = (target: object, below?: Parameters<typeof Error.captureStackTrace>[1]): void => {
    if (target instanceof Error) return capture(target, below);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.min(limit, CAPTURED_FRAMES);
    try {
      capture(target, below);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]): unknown => {
    if (error instanceof Error) return previous ? previous(error, frames) : `${String(error)}${formatted(frames)}`;
    const ours: NodeJS.CallSite[] = [];
    for (const frame of frames) {
      if (!frame.getFileName()?.includes('/node_modules/')) ours.push(frame);
      if (ours.length === CREATION_FRAMES) break;
    }
    return `Error${formatted(ours)}`;
  };
}

/** Frames as V8 formats them by default: one `\n    at <frame>` line each. */
function formatted(frames: readonly NodeJS.CallSite[]): string {
  return frames.map((frame) => `\n    at ${String(frame)}`).join('');
}
