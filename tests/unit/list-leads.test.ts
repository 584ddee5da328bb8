import { describe, expect, it } from 'vitest';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';

const query: AnalyzedQuery = {
  text: 'systemd 从哪些目录读取单元配置文件',
  answerType: 'other',
  terms: [
    { term: 'systemd', weight: 3, origin: 'question', role: 'topic' },
    { term: '目录', weight: 4, origin: 'question' },
    { term: '单元配置文件', weight: 3, origin: 'question' },
  ],
};
const item = (lead?: string): CandidateSentence => ({
  id: 1,
  sentence: 10,
  docId: 'd',
  start: 0,
  end: 40,
  text: '* "/etc/systemd/system": 系统管理员的配置文件',
  chunkRank: 0,
  ...(lead ? { lead } : {}),
});

describe('a list item answers with the words of the sentence that announced it', () => {
  it('credits words found only in the lead, like the previous sentence', () => {
    const [alone] = scoreEvidence(query, [item()]);
    const [withLead] = scoreEvidence(query, [item('单元配置文件从下列目录中加载:')]);
    expect(withLead.coverage).toBeGreaterThan(alone.coverage);
    expect(withLead.coverage).toBeLessThan(1);
  });
});
