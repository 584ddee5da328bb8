/**
 * An abort signal that fires when no progress was reported for `idleMs`, or when the caller's
 * signal fires. The openai client's own timeout stops at the response headers, so a server that
 * sends headers and then stalls mid-stream would otherwise hang the request forever.
 */
export interface IdleWatchdog {
  readonly signal: AbortSignal;
  /** Call on every bit of progress (a streamed chunk) to restart the idle clock. */
  touch(): void;
  /** True when the watchdog itself fired (as opposed to the caller aborting). */
  readonly fired: boolean;
  dispose(): void;
}

export function createIdleWatchdog(idleMs: number, parent?: AbortSignal): IdleWatchdog {
  const controller = new AbortController();
  let fired = false;
  let timer: NodeJS.Timeout | undefined;

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      controller.abort(new DOMException(`no response for ${idleMs} ms`, 'TimeoutError'));
    }, idleMs);
  };
  const onParentAbort = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };

  if (parent?.aborted) onParentAbort();
  else {
    parent?.addEventListener('abort', onParentAbort, { once: true });
    arm();
  }

  return {
    signal: controller.signal,
    touch: () => {
      if (!controller.signal.aborted) arm();
    },
    get fired() {
      return fired;
    },
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
