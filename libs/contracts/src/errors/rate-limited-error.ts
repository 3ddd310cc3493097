import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** A rate-limit refusal that tells when to come back: every dialect renders it with `Retry-After`. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Rate limit exceeded; retry after ${retryAfterSeconds} s`,
  ) {
    super(ErrorCode.RateLimited, message);
  }
}
