import { z } from 'zod';

/**
 * How environment variables become typed settings, shared by the ingest slice (ingest-config.ts) and
 * the server's config (server/config.ts), so both report a bad value the same way: its name, what it
 * was and how to fix it.
 */
export const intFrom = (def: number, min = 0) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : Number(v)))
    .pipe(z.number().int().min(min));

export const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

export const listFrom = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, or throws a ConfigError naming every bad variable and its value. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const got = env[name];
        return `${name}${got !== undefined ? `=${JSON.stringify(got)}` : ''}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}
