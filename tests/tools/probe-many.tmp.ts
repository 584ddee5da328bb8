import { readFileSync } from 'node:fs';
import { bankServices } from '../../server/eval/bank.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { Generator } from '../../server/core/generator.js';
import type { GenerateInput } from '../../server/core/types.js';
const [corpus, file] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; q: string; history?: unknown[] }>;
const last: { seen?: GenerateInput; decision?: { probability: number; features: Record<string, number> } } = {};
const inner = createExtractiveGenerator({ onDecision: (d) => (last.decision = d) });
const generator: Generator = { ...inner, generate: (input, options) => ((last.seen = input), inner.generate(input, options)) };
const { services } = await bankServices(corpus, undefined, generator);
for (const c of cases) {
  delete last.seen; delete last.decision;
  await services.answerService.answerQuestion(c.q, (c.history ?? []) as never);
  const seen = last.seen as GenerateInput | undefined;
  const terms = seen ? seen.query.terms.filter((t) => !t.term.startsWith('~')).map((t) => `${t.term}:${t.weight.toFixed(2)}${t.alternatives?.length ? `[${t.alternatives.slice(0, 4).join('/')}]` : ''}`).join(' ') : '(structure)';
  const d = last.decision as { probability: number } | undefined;
  console.log(`${c.id} p=${d?.probability.toFixed(2)} | ${c.q.slice(0, 80)}\n    ${terms}`);
}
