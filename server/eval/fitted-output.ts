import { writeFile } from 'node:fs/promises';

/**
 * Writes a fit script's result beside the code that reads it (server/shared/fitted-file.ts): indented JSON with a
 * final newline, so a refit shows as a readable diff, and says so on the console.
 */
export async function writeFittedFile(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
