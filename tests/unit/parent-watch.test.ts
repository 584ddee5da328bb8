import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logger.js';
import { startedByPackageManager, stopWhenParentExits } from '../../server/lifecycle/parent-watch.js';

describe('stopWhenParentExits (npm start does not forward SIGHUP)', () => {
  it('calls onOrphaned once when the parent pid changes, not before', async () => {
    let parent = 4242;
    let calls = 0;
    let checks = 0;
    const orphaned = new Promise<void>((resolve) => {
      stopWhenParentExits({
        logger: silentLogger(),
        intervalMs: 5,
        parentPid: () => {
          checks++;
          if (checks === 4) parent = 1; // npm died: reparented to init
          return parent;
        },
        onOrphaned: () => {
          calls++;
          resolve();
        },
      });
    });
    await orphaned;
    expect(checks).toBe(4); // the first read is the baseline; the third check sees the change
    await new Promise((r) => setTimeout(r, 30)); // later ticks must not fire it again (the timer is cleared)
    expect(calls).toBe(1);
  });

  it('is for processes started by a package.json script', () => {
    expect(startedByPackageManager({ npm_lifecycle_event: 'start' })).toBe(true);
    expect(startedByPackageManager({})).toBe(false);
  });
});
