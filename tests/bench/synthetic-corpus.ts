/**
 * Deterministic synthetic corpus for the scale benchmark: Chinese documents assembled from the real
 * article's sentences (recombined clause by clause), with company, person and number substitutions, each planting unique facts
 * (and a question about each) so retrieval recall can be measured at any size.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS } from '../../ingest/chunker.js';
import { findContentEnd } from '../../ingest/load-corpus.js';
import { splitParagraphs } from '../../ingest/sentence-splitter.js';

export const ARTICLE_PATH = path.resolve(import.meta.dirname, '../../corpus/china-gpu-makers-burning-cash-2025-07-12.txt');

export interface PlantedQuestion {
  q: string;
  /** The answer the planted sentence gives. */
  expect: string;
  /** The planted sentence, verbatim in the document. */
  fact: string;
  source: string;
}

export interface SyntheticCorpus {
  files: Array<{ source: string; text: string }>;
  questions: PlantedQuestion[];
  chunks: number;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_CHARS = '华芯智算云微星辰海天锐晶昊宇岳澜曜衡睿铭启元泰瀚凌峰拓坤朗璟霆骁翎沛祺岚熠珩砺钧琅烨嵘弘毅桐枫驰旭澄湃蓝翼鸿鲲鹏麒麟泓涌沃壹贰叁玖昇晟昕暄炬焱煜燊皓皖苍穹琪瑞瑾璞钛铂钰锦镭霖霁青雅韬颢飒骏';
const SUFFIXES = ['科技', '半导体', '微电子', '智能', '芯片', '计算'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏建红飞鑫波斌宁琳晨辉';
const CITIES = ['上海', '北京', '深圳', '杭州', '成都', '武汉', '西安', '南京', '合肥', '苏州', '长沙', '无锡'];

/** The real entities of the article, replaced per document. */
const COMPANIES = ['摩尔线程', '沐曦股份', '寒武纪', '英伟达', '昆仑芯', '平头哥', '新华三', '超讯通信'];
const PEOPLE = ['黄仁勋', '张建中', '陈维良', '彭莉', '葛卫东', '张驰', '盘和林', '吴全'];

function companyName(index: number): string {
  const p = NAME_CHARS.length;
  // Scramble the index (an odd multiplier is a bijection mod p³) so neighbouring documents share no characters.
  const i = (index * 7919 + 13) % (p * p * p);
  const a = NAME_CHARS[i % p];
  const b = NAME_CHARS[Math.floor(i / p) % p];
  const c = NAME_CHARS[Math.floor(i / (p * p)) % p];
  return `${c}${b}${a}${SUFFIXES[i % SUFFIXES.length]}`;
}

function personName(r: () => number): string {
  return SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)] + GIVEN[Math.floor(r() * GIVEN.length)];
}

/** Same shape, new digits; years (20xx) stay plausible. */
function perturbNumber(num: string, r: () => number): string {
  if (/^20\d\d$/.test(num)) return `20${18 + Math.floor(r() * 8)}`;
  return num.replace(/\d/g, (d, i: number) => String(i === 0 && d !== '0' ? 1 + Math.floor(r() * 9) : Math.floor(r() * 10)));
}

interface FactTemplate {
  sentence: (c: string, v: string, x: string) => string;
  question: (c: string, x: string) => string;
  value: (r: () => number) => string;
  extra: (r: () => number) => string;
}

const TEMPLATES: FactTemplate[] = [
  {
    sentence: (c, v, y) => `截至 ${y} 年末,${c}的专利授权数量为 ${v} 项。`,
    question: (c) => `${c}的专利授权数量是多少?`,
    value: (r) => String(100 + Math.floor(r() * 9000)),
    extra: (r) => String(2019 + Math.floor(r() * 6)),
  },
  {
    sentence: (c, v, city) => `${c}在${city}设立的研发中心共有 ${v} 名工程师。`,
    question: (c, city) => `${c}在${city}的研发中心有多少名工程师?`,
    value: (r) => String(50 + Math.floor(r() * 3000)),
    extra: (r) => CITIES[Math.floor(r() * CITIES.length)],
  },
  {
    sentence: (c, v, y) => `${c} ${y} 年的晶圆采购金额达 ${v} 亿元。`,
    question: (c, y) => `${c}${y}年的晶圆采购金额是多少?`,
    value: (r) => `${1 + Math.floor(r() * 90)}.${String(Math.floor(r() * 100)).padStart(2, '0')}`,
    extra: (r) => String(2019 + Math.floor(r() * 6)),
  },
  {
    sentence: (c, v) => `${c}的首席技术官是 ${v},此前负责图形处理器架构设计。`,
    question: (c) => `${c}的首席技术官是谁?`,
    value: (r) => personName(r),
    extra: () => '',
  },
];

/** The article's clauses (sentences cut at commas, end punctuation dropped). */
function articleClauses(): string[] {
  const text = readFileSync(ARTICLE_PATH, 'utf8');
  const paragraphs = splitParagraphs(text, findContentEnd(text)).slice(2); // skip title and date lines
  const sentences = paragraphs.flatMap((p) => p.sentences.map((s) => text.slice(s.start, s.end))).filter((s) => s.length >= 20);
  return sentences.flatMap((s) => s.replace(/[。!?;!?;]+$/, '').split(/[,,]/)).filter((c) => c.trim().length >= 6);
}

/**
 * A new sentence from two to four of the article's clauses. Recombining clauses (rather than
 * repeating whole sentences) keeps 100k chunks from being thousands of near-copies of ~100 sentences,
 * which no real corpus is and which degrades any nearest-neighbour graph.
 */
function mixedSentence(clauses: string[], r: () => number): string {
  const n = 2 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => clauses[Math.floor(r() * clauses.length)].trim()).join(',') + '。';
}

export function countChunks(text: string): number {
  return chunkParagraphs(splitParagraphs(text), DEFAULT_CHUNK_OPTIONS).length;
}

/**
 * Documents are generated until their chunks (counted with the real chunker) reach `targetChunks`.
 * Each document has its own three companies and cast; two facts are planted about its first company.
 */
export function generateCorpus(targetChunks: number, seed = 42): SyntheticCorpus {
  const clauses = articleClauses();
  const r = rng(seed);
  const files: SyntheticCorpus['files'] = [];
  const questions: PlantedQuestion[] = [];
  let chunks = 0;
  for (let d = 0; chunks < targetChunks; d++) {
    const companies = [companyName(3 * d), companyName(3 * d + 1), companyName(3 * d + 2)];
    const people = PEOPLE.map(() => personName(r));
    const substitute = (s: string) => {
      let out = s;
      COMPANIES.forEach((name, i) => (out = out.split(name).join(companies[i % companies.length])));
      PEOPLE.forEach((name, i) => (out = out.split(name).join(people[i])));
      return out.replace(/\d+(?:\.\d+)?/g, (n) => perturbNumber(n, r));
    };
    const paragraphCount = 8 + Math.floor(r() * 8);
    const paragraphs: string[][] = [];
    for (let p = 0; p < paragraphCount; p++) {
      const len = 1 + Math.floor(r() * 4);
      paragraphs.push(Array.from({ length: len }, () => substitute(mixedSentence(clauses, r))));
    }
    const source = `synthetic/doc-${String(d).padStart(6, '0')}.txt`;
    const t1 = Math.floor(r() * TEMPLATES.length);
    const t2 = (t1 + 1 + Math.floor(r() * (TEMPLATES.length - 1))) % TEMPLATES.length;
    for (const t of [t1, t2]) {
      const tpl = TEMPLATES[t];
      const value = tpl.value(r);
      const extra = tpl.extra(r);
      const fact = tpl.sentence(companies[0], value, extra);
      const para = paragraphs[1 + Math.floor(r() * (paragraphs.length - 1))];
      para.splice(Math.floor(r() * (para.length + 1)), 0, fact);
      questions.push({ q: tpl.question(companies[0], extra), expect: value, fact, source });
    }
    const text = [`${companies[0]}与${companies[1]}的发展观察(${d + 1})`, `日期:2025-07-${String(1 + (d % 28)).padStart(2, '0')}`, ...paragraphs.map((p) => p.join(''))].join('\n') + '\n';
    files.push({ source, text });
    chunks += countChunks(text);
  }
  return { files, questions, chunks };
}

/** An evenly spread, deterministic sample of at most n questions. */
export function sampleQuestions(questions: PlantedQuestion[], n: number): PlantedQuestion[] {
  if (questions.length <= n) return questions;
  const step = questions.length / n;
  return Array.from({ length: n }, (_, i) => questions[Math.floor(i * step)]);
}
