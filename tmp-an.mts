import { bankServices } from '/work/main/server/eval/bank.ts';
import { resolveQuestion } from '/work/main/server/core/query-analysis.ts';
import { translatedQuery } from '/work/main/server/core/translated-query.ts';
const [corpus, ...qs] = process.argv.slice(2);
const { retrieval, services } = await bankServices(corpus);
for (const q of qs) {
  const a = translatedQuery(q, resolveQuestion(q, [], retrieval.stats), retrieval.stats, 'zh');
  console.log(q);
  for (const t of a.terms.filter((t) => !t.term.startsWith('~'))) console.log('   ', t.term, t.weight.toFixed(2), (t.alternatives ?? []).slice(0, 12).join(','), 'df', retrieval.stats.documentFrequency(t.term));
}
