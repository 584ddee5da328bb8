import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { savedOrCollected } from '../../server/eval/saved-collection.js';

describe('savedOrCollected: a fit script reads back what an earlier run collected', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const options = (features: string[]) => ({ load: '--rows', save: '--save-rows', key: 'rows', features });

  it('collects and saves, then reads the saved items without collecting, and refuses a file saved with other features', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'saved-collection-'));
    const file = path.join(dir, 'rows.json');
    let collected = 0;
    const collect = async () => (collected++, [{ x: [1, 2] }, { x: [3, 4] }]);
    expect(await savedOrCollected(['--save-rows', file], options(['a', 'b']), collect)).toEqual([{ x: [1, 2] }, { x: [3, 4] }]);
    expect(await savedOrCollected(['--rows', file], options(['a', 'b']), collect)).toEqual([{ x: [1, 2] }, { x: [3, 4] }]);
    expect(collected).toBe(1);
    await expect(savedOrCollected(['--rows', file], options(['a', 'c']), collect)).rejects.toThrow(/other features/);
  });
});
