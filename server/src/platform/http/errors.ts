import { errorStatus, type ErrorCode } from '@medianest/contracts';

/**
 * The one error type services throw on purpose. The HTTP layer turns it into the error envelope
 * with the status from `errorStatus`; anything else becomes a 500 with no detail.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in to continue.') => new AppError('UNAUTHENTICATED', message);
export const rateLimited = (retryAfterSeconds: number, message?: string) =>
  new AppError(
    'RATE_LIMITED',
    message ?? `Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
