import { type ErrorCode, type ErrorBody, type ErrorDetail, HTTP_STATUS_BY_CODE } from './error-codes';

/** An error a client can cause; each surface renders it in its own dialect. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.error.code, body.error.message, body.error.details);
  }
}
