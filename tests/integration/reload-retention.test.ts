/**
 * Issue 17's soak: RSS grew 10–30% over 60 s with reloads. The cause found (tests/soak/reload-memory.ts shows
 * it): every loaded index kept CC-CEDICT's whole data file as a ~20 MB string, through one long word of the
 * restricted dictionary that was a slice of it — so each reload added 20 MB until a major GC, and a served
 * index held 20 MB it never used. These checks fail if that, or any reference that keeps a replaced index
 * alive (a cache, a closure, the self-test, the lexicon's memo), comes back.
 *
 * Reachability, not memory figures: a child process (`--expose-gc`) reloads real Services three times with
 * questions answered between reloads, forces GCs, and reports what WeakRefs, a FinalizationRegistry and a heap
 * snapshot see (tests/helpers/reload-retention-child.ts).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

interface Retention {
  replaced: number;
  alive: number;
  finalized: number;
  vectorsAlive: number;
  dictionaryTexts: number;
  currentAnswers: boolean;
}

describe('reloading the index keeps nothing of the index it replaced', () => {
  let result: Retention;
  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/helpers/reload-retention-child.ts'], {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      timeout: 120_000,
      maxBuffer: 1024 * 1024,
    });
    result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Retention;
  }, 150_000);

  it('every replaced Services object and its hnswlib index become unreachable and are collected', () => {
    expect(result.replaced).toBe(3);
    expect(result.currentAnswers).toBe(true);
    expect(result.alive).toBe(0);
    expect(result.vectorsAlive).toBe(0);
    expect(result.finalized).toBe(3);
  });

  it("no copy of CC-CEDICT's data file stays in the heap once the restricted dictionary is built", () => {
    expect(result.dictionaryTexts).toBe(0);
  });
});
