import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../ingest/ingest.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import type { Services } from '../../server/core/services.js';

/**
 * A user's own documents state facts with 公司/该公司/它 or "the company"/"it" for the subject named earlier
 * in the passage; English states counts and dates without Chinese measure words. Both are answered, and a
 * company the documents name without the asked fact is still refused.
 */
let dir: string;
let services: Services;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'subject-'));
  const corpus = path.join(dir, 'corpus');
  await mkdir(corpus);
  await writeFile(
    path.join(corpus, 'xinghe.txt'),
    '星河科技简介\n星河科技成立于 2015 年，总部位于成都，主要生产工业传感器。公司目前有员工 420 名，其中研发人员 260 名。该公司 2024 年营业收入为 3.2 亿元，同比增长 18%。\n另一家企业海蓝电子成立于 2018 年，总部在苏州。\n',
  );
  await writeFile(
    path.join(corpus, 'acme.md'),
    '# Acme Widgets\n\nAcme Widgets was founded in 1998 in Leeds. The company employs 85 people and ships to 30 countries. It opened a second factory in 2021.\n\nA competitor, Bolt Tools, was founded in 2005.\n',
  );
  const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'silent', ANSWER_CACHE_SIZE: '0' });
  await runIngest({ config, full: true });
  services = await buildServices({ config });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ask = (q: string) => services.answerService.answerQuestion(q, []);

describe("the document's subject stands behind 公司 / it", () => {
  it('answers facts stated with 公司 and 该公司', async () => {
    const staff = await ask('星河科技有多少名员工?');
    expect(staff.answered).toBe(true);
    expect(staff.answer).toContain('420');
    // (The sentence before it, which names the company, may be quoted too, in document order: neighbour-quote.ts.)
    expect(staff.citations.some((c) => c.quote.includes('公司目前有员工 420 名'))).toBe(true);
    expect((await ask('星河科技2024年营业收入是多少?')).answer).toContain('3.2 亿元');
  });
  it('answers English counts and dates stated with "the company" and "it"', async () => {
    expect((await ask('How many people does Acme Widgets employ?')).answer).toContain('85 people');
    expect((await ask('When did Acme Widgets open a second factory?')).answer).toContain('2021');
  });
  it('still refuses a company the documents name without the asked fact', async () => {
    expect((await ask('海蓝电子有多少名员工?')).answered).toBe(false);
    expect((await ask('How many people does Bolt Tools employ?')).answered).toBe(false);
  });
});
