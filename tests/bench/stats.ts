import { spawn } from 'node:child_process';
import path from 'node:path';

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

export function summarize(samplesMs: number[]): { p50: number; p99: number; mean: number; n: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), n: s.length };
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));
export const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

export const BENCH_DIR = import.meta.dirname;
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Runs a bench script in a child Node process (tsx loader), so memory is measured per run;
 * the child prints its result as the last stdout line, prefixed with RESULT.
 */
export function runChild<T>(script: string, args: string[], opts: { timeoutMs: number; nodeArgs?: string[]; env?: Record<string, string> }): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(BENCH_DIR, script), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').reverse().find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${script} ${args.join(' ')} exited with ${code}\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as T);
    });
  });
}

export function emit(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
