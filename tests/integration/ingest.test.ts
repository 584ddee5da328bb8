import { mkdtemp, readFile, rm, unlink, writeFile, cp, readlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig, type Config } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { sentenceText } from '../../server/shared/index-format/loaded-index.js';
import { REPO_CORPUS, ARTICLE_ID } from '../helpers/build-test-services.js';

let dir: string;
let config: Config;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ingest-test-'));
  await cp(REPO_CORPUS, path.join(dir, 'corpus'), { recursive: true });
  config = loadConfig({ CORPUS_DIR: path.join(dir, 'corpus'), INDEX_DIR: path.join(dir, 'data', 'index') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ask = async (question: string) => (await buildServices({ config })).answerService.answerQuestion(question, []);

describe('ingest', () => {
  it('stores exact offsets for every chunk and sentence, and never indexes the site navigation', async () => {
    const summary = await runIngest({ config });
    expect(summary).toMatchObject({ documents: 1, embeddedChunks: summary.chunks });
    const index = await loadIndex(config.indexDir);
    const doc = index.documentById.get(ARTICLE_ID)!;
    const raw = await readFile(path.join(REPO_CORPUS, `${ARTICLE_ID}.txt`), 'utf8');
    expect(doc.text).toBe(raw);
    for (const [d, start, end] of index.chunks) expect(index.documents[d].text.slice(start, end).length).toBe(end - start);
    const navStart = raw.indexOf('新闻资讯 News');
    for (let s = 0; s < index.sentences.length; s++) {
      const [, start, end] = index.sentences[s];
      expect(end).toBeLessThanOrEqual(navStart);
      expect(sentenceText(index, s)).toBe(raw.slice(start, end));
      expect(sentenceText(index, s).trim()).toBe(sentenceText(index, s));
    }
    expect(index.sentences.some((_, s) => sentenceText(index, s).includes('作者:盛煌娱乐'))).toBe(true);
    expect(index.manifest.documents[0]).toMatchObject({ docId: ARTICLE_ID, date: '2025-07-12' });
    expect(index.manifest.embedder).toMatchObject({ name: 'local-lexical-v1', dimensions: 256 });
  });

  it('leaves the previous index answering when an ingest fails mid-write', async () => {
    await runIngest({ config });
    const before = await readlink(config.indexDir);
    await writeFile(path.join(config.corpusDir, 'extra.txt'), '新公司\n新公司的员工有 77 名。');
    await expect(runIngest({ config, hooks: { beforeCommit: () => Promise.reject(new Error('disk full')) } })).rejects.toThrow('disk full');
    expect(await readlink(config.indexDir)).toBe(before);
    const index = await loadIndex(config.indexDir);
    expect(index.manifest.counts.documents).toBe(1);
    const result = await ask('摩尔线程有多少名员工?');
    expect(result.answered).toBe(true);
    expect(result.citations[0].quote).toContain('1126');
  });

  it('re-embeds only changed documents and drops deleted ones', async () => {
    for (const name of ['a', 'b', 'c', 'd']) {
      await writeFile(path.join(config.corpusDir, `${name}.txt`), `公司${name}\n公司${name}的员工有 ${name.charCodeAt(0)} 名。公司${name}成立于 2019 年。`);
    }
    const first = await runIngest({ config });
    expect(first.documents).toBe(5);
    expect(first.reusedChunks).toBe(0);

    await writeFile(path.join(config.corpusDir, 'b.txt'), '公司b\n公司b的员工有 500 名。');
    await unlink(path.join(config.corpusDir, 'd.txt'));
    const second = await runIngest({ config });
    expect(second.embeddedDocuments).toEqual(['b']);
    expect(second.removedDocuments).toEqual(['d']);
    expect(second.reusedChunks).toBe(second.chunks - second.embeddedChunks);

    const index = await loadIndex(config.indexDir);
    expect(index.documentById.has('d')).toBe(false);
    expect(index.documentById.get('b')!.text).toContain('500');
    const answer = await ask('公司b有多少名员工?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({ docId: 'b' });
    expect(answer.citations[0].quote).toContain('500');
  });

  it('reuses nothing with --full', async () => {
    await runIngest({ config });
    const again = await runIngest({ config, full: true });
    expect(again.reusedChunks).toBe(0);
  });
});
