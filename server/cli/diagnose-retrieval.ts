import { writeFile } from 'node:fs/promises';
import { buildRetrieval } from '../build-services.js';
import { buildCandidates } from '../core/candidates.js';
import { resolveQuestion } from '../core/query-analysis.js';
import { bankConfig, isAnswerableCase, loadBankSets, type BankSet } from '../eval/bank.js';
import { holdsEvidence } from '../eval/score-cases.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence, type Evidence } from '../generators/extractive/sentence-evidence.js';
import { rankEvidence } from '../generators/extractive/sentence-ranking-model.js';
import { COMMAND_LINE, LIST_ITEM } from '../core/sentence-shapes.js';
import { loadIndex } from '../shared/index-format/load-index.js';
import { sentenceText } from '../shared/index-format/loaded-index.js';
import { hasHan } from '../shared/text/char-classes.js';

/**
 * `npm run diagnose:retrieval [-- --json out.json --only corpus]`: why the supporting sentence of an answerable
 * bank question is not among the answerer's top 5, classified by script (no case is looked at by hand):
 *  - where: the sentence's chunk is not retrieved (chunk miss), or it is but five sentences rank above it
 *    (ranking miss), or no single sentence of the index holds the evidence (the evidence crosses a sentence cut);
 *  - general traits of the question and the supporting sentence that are known causes: the question is in the
 *    other language, the sentence covers fewer of the question's words than the fifth (vocabulary), the
 *    question's words are in the sentence's heading rather than the sentence, the sentence is short, a command
 *    or code line, a list item, hard-wrapped across lines; the question names an identifier (path, command
 *    with a dash, dotted name, flag) or a number.
 */
const TOP = 5;
const DEEP = 100;
const IDENTIFIER = /(?:^|\s)(?:\/[\w.-]+)+|[a-z0-9]+(?:[-_.][a-z0-9]+)+|(?:^|\s)--?[a-z][\w-]*|\w+\(\)/i;

interface Diagnosis {
  corpus: string;
  id: string;
  kind: string;
  rank: number;
  where: 'hit' | 'chunk' | 'ranking' | 'no-sentence';
  deepChunkRank: number;
  traits: string[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const sets = await loadBankSets(undefined, valueOf('--only')?.split(','));
  const byCorpus = new Map<string, BankSet[]>();
  for (const s of sets) byCorpus.set(s.corpus, [...(byCorpus.get(s.corpus) ?? []), s]);
  const topK = Number(process.env.RETRIEVAL_TOP_K ?? 12);
  const out: Diagnosis[] = [];
  for (const [corpus, corpusSets] of byCorpus) {
    const config = await bankConfig(corpus);
    const index = await loadIndex(config.indexDir);
    const { retriever, stats } = await buildRetrieval(config, index);
    const corpusHan = index.documents.some((d) => hasHan(d.text.slice(0, 2000)));
    for (const c of corpusSets.flatMap((s) => s.cases)) {
      if (!isAnswerableCase(c) || !c.evidence) continue;
      const query = resolveQuestion(c.q, c.history ?? [], stats);
      const chunks = await retriever.retrieve(query, topK);
      const ranked = rankEvidence(scoreEvidence(query, buildCandidates(index, chunks)), query, kindOf(c.q));
      const rank = ranked.findIndex((e) => holdsEvidence(e.candidate.text, c.evidence)) + 1;
      const holding: number[] = [];
      for (let s = 0; s < index.sentences.length; s++) if (holdsEvidence(sentenceText(index, s), c.evidence)) holding.push(s);
      const deep = (await retriever.retrieve(query, DEEP)).map((r) => r.chunk);
      const deepChunkRank = holding.length ? Math.min(...holding.map((s) => deep.indexOf(index.sentences[s][3]) + 1 || Infinity)) : Infinity;
      const where: Diagnosis['where'] = rank >= 1 && rank <= TOP ? 'hit' : holding.length === 0 ? 'no-sentence' : rank > TOP ? 'ranking' : 'chunk';
      const traits: string[] = [];
      const questionHan = hasHan(c.q);
      if (questionHan !== corpusHan) traits.push('cross-lingual');
      if (IDENTIFIER.test(c.q)) traits.push('identifier');
      if (/\d/.test(c.q)) traits.push('number');
      if (where !== 'hit' && holding.length) {
        // The supporting sentence as the answerer sees it (scored against the same question), next to the fifth.
        const s = holding[0];
        const text = sentenceText(index, s);
        const doc = index.documents[index.sentences[s][0]].text;
        const [, start, end] = index.sentences[s];
        const own = scoreEvidence(query, buildCandidates(index, [{ chunk: index.sentences[s][3], score: 0 }])).find((e) => e.candidate.sentence === s);
        const fifth: Evidence | undefined = ranked[TOP - 1];
        if (own && fifth && own.coverage < fifth.coverage) traits.push('fewer-words-than-5th');
        if (own && own.coverage < 0.5) traits.push('vocabulary(coverage<0.5)');
        if (own?.candidate.heading) {
          const withoutHeading = scoreEvidence(query, [{ ...own.candidate, heading: undefined, lead: undefined }])[0];
          if (own.coverage - withoutHeading.coverage >= 0.15) traits.push('words-in-heading');
        }
        if (text.replace(/\s+/g, '').length < 40) traits.push('short');
        if (COMMAND_LINE.test(text) || own?.candidate.code) traits.push('code-line');
        if (LIST_ITEM.test(text)) traits.push('list-item');
        if (/\n/.test(doc.slice(start, end).trim())) traits.push('hard-wrapped');
        if (own?.isHeading) traits.push('is-heading');
      }
      out.push({ corpus, id: c.id, kind: c.kind, rank, where, deepChunkRank: Number.isFinite(deepChunkRank) ? deepChunkRank : 0, traits });
    }
  }
  const misses = out.filter((d) => d.where !== 'hit');
  const count = (list: Diagnosis[], key: (d: Diagnosis) => string[]) => {
    const m = new Map<string, number>();
    for (const d of list) for (const k of key(d)) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log(`answerable with evidence: ${out.length}; top-${TOP} hits ${out.length - misses.length}; misses ${misses.length}`);
  console.log('== misses by where, per corpus');
  for (const corpus of byCorpus.keys()) {
    const m = misses.filter((d) => d.corpus === corpus);
    console.log(`${corpus.padEnd(12)} ${count(m, (d) => [d.where]).map(([k, n]) => `${k} ${n}`).join(', ') || '—'}   (of ${out.filter((d) => d.corpus === corpus).length})`);
  }
  for (const where of ['chunk', 'ranking', 'no-sentence'] as const) {
    const m = misses.filter((d) => d.where === where);
    if (!m.length) continue;
    console.log(`== ${where} misses (${m.length}): traits (a miss can have several)`);
    for (const [k, n] of count(m, (d) => (d.traits.length ? d.traits : ['(none)']))) console.log(`  ${k.padEnd(26)} ${n}`);
    if (where === 'chunk') {
      const bucket = (r: number) => (r === 0 ? `not in top ${DEEP}` : r <= 20 ? 'chunk rank 13-20' : r <= 50 ? 'chunk rank 21-50' : `chunk rank 51-${DEEP}`);
      console.log(`  by deep chunk rank: ${count(m, (d) => [bucket(d.deepChunkRank)]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
  }
  console.log('== misses by question kind');
  console.log(`  ${count(misses, (d) => [d.kind]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const base = (trait: string) => `${out.filter((d) => d.traits.includes(trait)).length - misses.filter((d) => d.traits.includes(trait)).length}/${out.filter((d) => d.traits.includes(trait)).length}`;
  console.log(`== question traits over all cases (hits/all): cross-lingual ${base('cross-lingual')}, identifier ${base('identifier')}, number ${base('number')}`);
  const json = valueOf('--json');
  if (json) await writeFile(json, JSON.stringify(out, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
