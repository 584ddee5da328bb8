import { bankServices, loadBankSets, runBankSet, type BankCorpus } from '../eval/bank.js';
import { holdsEvidence } from '../eval/score-cases.js';
import { createExtractiveGenerator } from '../generators/extractive/extractive-generator.js';
import { answerFeatures } from '../generators/extractive/features.js';
import { ALWAYS_ANSWER, defaultModel, probability } from '../generators/extractive/decision.js';
import { kindOf } from '../generators/extractive/kinds/index.js';
import { scoreEvidence } from '../generators/extractive/sentence-evidence.js';
import { rankEvidence } from '../generators/extractive/sentence-ranking-model.js';
import { corpusLanguage, isTranslated } from '../core/corpus-language.js';
import type { Generator } from '../core/generator.js';
import type { AnalyzedQuery } from '../core/types.js';
import { BIGRAM_PREFIX } from '../shared/text/tokenizer.js';

/**
 * `npx tsx server/cli/diagnose-crosslingual.ts [set,…] [--force-answer]`: every bank question asked in the other
 * language than its corpus (kind crosslingual, or written in the other script), with the terms the answerer matched
 * after translation ({alternatives}:weight), the rank of the supporting sentence in the answerer's own ranking, the
 * decision's probability and main features, and the answer. Ends with the totals. `--force-answer` answers every
 * question with its best sentence: how many would be right if the decision never refused.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.find((a) => !a.startsWith('--'))?.split(',');
  const inner = args.includes('--force-answer')
    ? createExtractiveGenerator({ model: ALWAYS_ANSWER })
    : createExtractiveGenerator();
  // What the answerer saw for the last question: its query, its ranked sentences, the decision's view of the best.
  const last: { seen?: { query: AnalyzedQuery; ranked: string[]; decision: string } } = {};
  const forget = () => delete last.seen;
  const recording: Generator = {
    name: inner.name,
    deterministic: true,
    generate(input, options) {
      const kind = kindOf(input.question);
      const ranked = rankEvidence(scoreEvidence(input.query, input.candidates), input.query, kind);
      let decision = '';
      if (ranked.length) {
        const f = answerFeatures(input.query, ranked, kind, input.history);
        decision = `p=${probability(defaultModel(), f).toFixed(2)} coverage=${f.coverage.toFixed(2)} unmatchedRare=${f.unmatchedRare.toFixed(2)} leadOverNext5=${f.leadOverNext5.toFixed(2)} kindCueMissing=${f.kindCueMissing} valueMissing=${f.valueMissing}`;
      }
      last.seen = { query: input.query, ranked: [...new Set(ranked.map((e) => e.candidate.text))], decision };
      return inner.generate(input, options);
    },
  };
  const corpora = new Map<string, BankCorpus>();
  const total = { answerable: 0, correct: 0, wrong: 0, unanswerable: 0, refused: 0, rank1: 0, rank5: 0 };
  for (const set of await loadBankSets(undefined, only)) {
    let corpus = corpora.get(set.corpus);
    if (!corpus) corpora.set(set.corpus, (corpus = await bankServices(set.corpus, undefined, recording)));
    const language = corpusLanguage(corpus.services.index);
    for (const c of set.cases.filter((x) => x.kind === 'crosslingual' || isTranslated(x.q, language))) {
      forget();
      const [r] = await runBankSet({ ...set, cases: [c] }, corpus);
      const { seen } = last;
      // The rank in the answerer's own ranking of this question's candidates (0: not among them).
      const rank = c.evidence && seen ? seen.ranked.findIndex((t) => holdsEvidence(t, c.evidence!)) + 1 : 0;
      if (r.answerable) {
        total.answerable++;
        if (r.outcome === 'correct') total.correct++;
        if (rank === 1) total.rank1++;
        if (rank >= 1 && rank <= 5) total.rank5++;
      } else {
        total.unanswerable++;
        if (r.outcome === 'refused-correctly') total.refused++;
      }
      if (r.outcome === 'confidently-wrong') total.wrong++;
      const terms = (seen?.query.terms ?? [])
        .filter((t) => !t.term.startsWith(BIGRAM_PREFIX))
        .map((t) => `${t.term}${t.alternatives?.length ? `{${t.alternatives.slice(0, 6).join('|')}}` : ''}:${t.weight.toFixed(1)}`)
        .join(' ');
      console.log(
        [
          `${r.outcome.padEnd(18)} ${set.name}/${c.id} [${c.kind}] rank ${r.answerable ? rank : '-'}${seen?.query.translated ? ' translated' : ''}`,
          `  question: ${c.q}`,
          `  evidence: ${c.evidence ?? ''}  expect ${JSON.stringify(c.expect ?? [])}`,
          `  terms:    ${terms}`,
          `  decision: ${seen?.decision ?? '(no sentence)'}`,
          `  answer:   ${r.result.answer.slice(0, 160).replace(/\n/g, ' ')}`,
          ...(r.problems.length ? [`  problems: ${r.problems.join('; ')}`] : []),
        ].join('\n'),
      );
    }
  }
  const { answerable, correct, wrong, unanswerable, refused, rank1, rank5 } = total;
  console.log(`answerable ${answerable}: correct ${correct}, supporting sentence ranked first ${rank1}, in the top 5 ${rank5}; unanswerable ${unanswerable}: refused ${refused}; confidently wrong ${wrong}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
