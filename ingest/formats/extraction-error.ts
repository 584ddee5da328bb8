/** Why a file cannot be indexed: one stable code and a reason a person can act on. */
export type ExtractionFailure = 'unsupported' | 'empty' | 'binary' | 'too_large' | 'encrypted' | 'corrupt' | 'unreadable';

export class ExtractionError extends Error {
  constructor(
    readonly failure: ExtractionFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionError';
  }
}

export const isExtractionError = (e: unknown): e is ExtractionError => e instanceof ExtractionError;
