import type { Config } from '../config.js';
import type { Generator } from '../core/types.js';
import { AppError } from '../errors.js';
import { createExtractiveGenerator } from './extractive-generator.js';

/** Picks the generator named by GENERATOR. */
export function createGenerator(config: Config): Generator {
  switch (config.generator) {
    case 'extractive':
      return createExtractiveGenerator();
    case 'openai':
      throw new AppError('internal', 'GENERATOR=openai is not wired yet.', 500);
  }
}
