import { existsSync, readFileSync } from 'node:fs';

/**
 * A JSON file a fit script writes beside the code that reads it (ranking-context.json, how-to-weights.json,
 * follow-up-weights.json, a ranking model): read once, on first use; `absent` when the file is not there.
 */
export function fittedFile<T>(file: string, absent: T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : absent }).value;
}
