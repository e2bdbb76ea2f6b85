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
 * traces of objects that are not errors (cdktf's creation stacks) only a few frames deep (cdktf's own
 * frames come first, six for an attribute reference), and formats only their first
 * {@link CREATION_FRAMES} frames outside `node_modules`, where the library and its callers created the
 * token (the traces constructs records for annotations, also on plain objects, are shortened alike);
 * with none to keep, such an object gets the stack a capture of no frames gives, without a capture.
 * Errors are captured and formatted as before. It relies on no private module of cdktf: if cdktf
 * captured onto an `Error` instead, its traces would be whole again, as without the hook. It is
 * installed by processes (the app keeps 4 frames, the tests none), never by the library, which must
 * not change a global its users own.
 */

/** Frames kept in a token's creation stack, by default. */
export const CREATION_FRAMES = 4;
/** Frames captured for each one kept: cdktf's own frames come first. */
const CAPTURED_PER_KEPT = 2.5;

/** Where the hook keeps how many frames to keep: on `Error`, so one install serves a whole realm. */
const SETTINGS = Symbol.for('cdktf-azure-batch/creation-stacks');

/**
 * Installs the hook (once per realm: a process, or a jest test file, whose globals are its own),
 * keeping `kept` frames of each creation stack; a later call changes only how many are kept. With 0,
 * none are kept, and capturing costs next to nothing.
 */
export function shortenCreationStacks(kept: number = CREATION_FRAMES): void {
  const holder = Error as unknown as Record<symbol, { kept: number } | undefined>;
  const installed = holder[SETTINGS];
  if (installed) {
    installed.kept = kept;
    return;
  }
  const settings = { kept };
  holder[SETTINGS] = settings;
  const capture = Error.captureStackTrace.bind(Error);
  // Without a function to hide the frames above, V8 hides this one's, as it hid its own before.
  const shortened = (target: object, below?: Parameters<typeof Error.captureStackTrace>[1]): void => {
    if (target instanceof Error) return capture(target, below ?? shortened);
    if (settings.kept === 0 && Error.prepareStackTrace === format) {
      // What the formatter below makes of a capture of no frames, without V8 walking the stack (0.6 of
      // the 36 CPU-seconds of the tests in one jest process): cdktf and constructs read it as no
      // frames. Code that sets a formatter of its own for a capture (typescript-eslint reads the
      // call sites) gets a capture.
      (target as { stack?: unknown }).stack = format(target, []);
      return;
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.min(limit, Math.ceil(settings.kept * CAPTURED_PER_KEPT));
    try {
      capture(target, below ?? shortened);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  Error.captureStackTrace = shortened;
  const previous = Error.prepareStackTrace;
  const format = (error: unknown, frames: NodeJS.CallSite[]): unknown => {
    if (error instanceof Error) return previous ? previous(error, frames) : `${String(error)}${formatted(frames)}`;
    const ours: NodeJS.CallSite[] = [];
    for (const frame of frames) {
      if (ours.length === settings.kept) break;
      if (!frame.getFileName()?.includes('/node_modules/')) ours.push(frame);
    }
    return `Error${formatted(ours)}`;
  };
  Error.prepareStackTrace = format;
}

/** Frames as V8 formats them by default: one `\n    at <frame>` line each. */
function formatted(frames: readonly NodeJS.CallSite[]): string {
  return frames.map((frame) => `\n    at ${String(frame)}`).join('');
}
