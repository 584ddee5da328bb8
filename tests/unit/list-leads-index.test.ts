import { describe, expect, it } from 'vitest';
import { followingItems, listLead } from '../../server/core/list-leads.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

// Only what list-leads reads: the documents' text and the sentence spans.
function fakeIndex(sentences: string[]): LoadedIndex {
  let text = '';
  const spans: Array<[number, number, number]> = [];
  for (const s of sentences) {
    spans.push([0, text.length, text.length + s.length]);
    text += `${s}\n`;
  }
  return { documents: [{ text }], sentences: spans } as unknown as LoadedIndex;
}

describe('list leads and the items a chunk announces', () => {
  const index = fakeIndex([
    'Unit files are loaded from these paths:',
    '* /etc/systemd/system: the administrator’s files',
    '* /run/systemd/system: runtime files',
    'The kernel message level can be set by its threshold.',
    '# dmesg -n3',
    'Table 3.4 lists the levels.',
  ]);

  it('finds the sentence that announced an item, past the items before it', () => {
    expect(listLead(index, 2)).toBe('Unit files are loaded from these paths:');
    expect(listLead(index, 3)).toBeUndefined();
  });

  it('offers the items after a chunk that ends on an announcement, and the command after an explanation', () => {
    expect(followingItems(index, 0)).toBe(2);
    expect(followingItems(index, 3)).toBe(1);
    expect(followingItems(index, 4)).toBe(0);
  });
});
