/**
 * `npx tsx tests/tools/probe-question.ts <bank corpus> "<question>" ['<history JSON>']`: how the offline answerer sees
 * one question over one bank corpus — the analysed terms (weight, alternatives), the answer type, the decision's
 * probability and the features that are not zero, and the answer. For reading a miss, not for tests.
 */
import { bankServices } from '../../server/eval/bank.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { ALWAYS_ANSWER } from '../../server/generators/extractive/decision.js';
import type { Generator } from '../../server/core/generator.js';
import type { GenerateInput } from '../../server/core/types.js';

const [corpus, question, history] = process.argv.slice(2);
if (!corpus || !question) throw new Error('usage: tsx tests/tools/probe-question.ts <corpus> "<question>" [history JSON]');
// What the generator saw and decided (set from its callbacks).
interface Decision {
  probability: number;
  features: Record<string, number>;
}
const last: { seen?: GenerateInput; decision?: Decision } = {};
// PROBE_FORCE=1: answer with the best sentence whatever the decision says (as `eval:all --force-answer`), to read what it would quote.
const force = process.env.PROBE_FORCE && process.env.PROBE_FORCE !== '0' ? { model: ALWAYS_ANSWER } : {};
const inner = createExtractiveGenerator({ ...force, onDecision: (d) => (last.decision = d) });
const generator: Generator = { ...inner, generate: (input, options) => ((last.seen = input), inner.generate(input, options)) };
const { services } = await bankServices(corpus, undefined, generator);
// (Building the services asks the index's self-test question: forget what it showed.)
delete last.seen;
delete last.decision;
const result = await services.answerService.answerQuestion(question, history ? JSON.parse(history) : []);
// (Casts: the compiler does not see the callbacks set them after the deletes above.)
const seen = last.seen as GenerateInput | undefined;
const decision = last.decision as Decision | undefined;
if (seen) {
  const terms = seen.query.terms.map((t) => `${t.term}:${t.weight.toFixed(2)}${t.alternatives?.length ? `[${t.alternatives.join('/')}]` : ''}`);
  console.log('terms', terms.join(' '));
  console.log('answer type', seen.query.answerType, 'translated', Boolean(seen.query.translated), 'required', seen.query.required ?? [], 'focus', seen.query.focus, 'measure', seen.query.measure);
  console.log('candidates', seen.candidates.length);
  // PROBE_FIND=<text>: where the candidates that contain it stand (1-based), to tell a retrieval miss from a ranking one.
  const find = process.env.PROBE_FIND;
  if (find) seen.candidates.forEach((c, i) => c.text.includes(find) && console.log(`  #${i + 1} contains it: ${c.text.slice(0, 120)}`));
  // PROBE_TOP=n: the first n candidates as retrieved, to see what outranks the supporting sentence.
  const top = Number(process.env.PROBE_TOP ?? 0);
  seen.candidates.slice(0, top).forEach((c, i) => console.log(`  ${i + 1}. ${c.text.slice(0, 140).replace(/\s+/g, ' ')}`));
} else console.log('answered from the document structure (title, date, author, headings)');
if (decision) {
  console.log('p', decision.probability.toFixed(3));
  console.log(Object.entries(decision.features).filter(([, v]) => v).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' '));
}
console.log('answered', result.answered, '|', result.answer.slice(0, 400));
