/**
 * Experiment aid (not loaded by the product): preloaded into the soak's server to see where its RSS goes.
 *
 *   SOAK_MEMORY_PROBE=/tmp/probe.jsonl NODE_OPTIONS="--expose-gc --import ./tests/soak/memory-probe.mjs" npm run soak
 *
 * Only in the server process (`launch.mjs start`): every second one JSON line with process.memoryUsage()
 * and /proc/self/status's RssAnon/RssFile (anonymous memory vs file pages mapped in), in MB. On SIGUSR2 it
 * forces a full GC (with --expose-gc) and writes a line marked "gc", so a reading after GC can be compared
 * with the one before: what a GC gives back was garbage awaiting collection, what stays is held.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.SOAK_MEMORY_PROBE;
const isServer = process.argv.some((a) => a.endsWith('launch.mjs')) && process.argv.includes('start');

if (file && isServer) {
  const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
  const status = () => {
    const text = readFileSync('/proc/self/status', 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
    return { rssAnon: mb(kb('RssAnon')), rssFile: mb(kb('RssFile')) };
  };
  /**
   * Resident anonymous memory by owner, from /proc/self/smaps: glibc's main arena ([heap], grown with brk), its
   * other arenas (mappings inside a 64 MB-aligned block: glibc reserves each thread arena as one), and the rest
   * (V8's heap pages, large malloc chunks mmapped on their own, thread stacks).
   */
  const smaps = () => {
    const out = { mainArena: 0, threadArenas: 0, otherAnon: 0 };
    let kind;
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (head) {
        const [, start, end, inode, name] = head;
        const size = parseInt(end, 16) - parseInt(start, 16);
        const alignedBlock = parseInt(start, 16) % (64 * 1024 * 1024) === 0 && size <= 64 * 1024 * 1024;
        kind = name === '[heap]' ? 'mainArena' : inode !== '0' || name ? undefined : alignedBlock ? 'threadArenas' : 'otherAnon';
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss && kind) out[kind] += Number(rss[1]) * 1024;
    }
    return { mainArena: mb(out.mainArena), threadArenas: mb(out.threadArenas), otherAnon: mb(out.otherAnon) };
  };
  const started = Date.now();
  const write = (mark) => {
    const m = process.memoryUsage();
    const line = { t: (Date.now() - started) / 1000, mark, rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), ...status() };
    const h = v8.getHeapStatistics();
    Object.assign(line, { heapResident: mb(h.total_physical_size), v8Malloced: mb(h.malloced_memory), v8MallocedPeak: mb(h.peak_malloced_memory), ...smaps() });
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  setInterval(() => write(undefined), 1000).unref();
  process.on('SIGHUP', () => write('reload'));
  process.on('SIGUSR2', () => {
    write('before-gc');
    globalThis.gc?.();
    write('gc');
  });
}
