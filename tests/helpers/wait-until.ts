/**
 * Polls `check` until it holds, failing after `timeoutMs`: tests wait for the event they need (a log line,
 * a file, a status), never a fixed sleep that races the work on a faster or slower machine.
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
