import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorDetail } from '@switchboard/contracts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.NotAuthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.BadRequest,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  414: ErrorCode.UriTooLong,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

/** Errors thrown by body parsers (express) carry `type` and `status`. */
interface ParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
}

/**
 * Normalises anything thrown while serving a request into a DomainError. Unknown errors become
 * `internal_error` with a generic message: their text may hold internals and is only logged.
 */
export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse() as { message?: unknown } | string;
    const raw = typeof response === 'string' ? response : response.message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    return new DomainError(
      CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest),
      status >= 500 ? 'Internal error' : message,
    );
  }
  // PostgreSQL errors a client can cause (races on unique names, out-of-range numbers).
  const sqlState =
    (exception as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (exception as { code?: unknown } | null)?.code;
  if (sqlState === '23505') return new DomainError(ErrorCode.Conflict, 'That conflicts with an existing record');
  if (sqlState === '22003' || sqlState === '22P02')
    return new DomainError(ErrorCode.BadRequest, 'A value is out of range');
  // Text PostgreSQL cannot store or index (NUL, invalid UTF-8, an index row too large): the edges refuse
  // these first (findForbiddenInput); this keeps any path they miss a 400 rather than a 500.
  if (sqlState === '22021' || sqlState === '22001' || sqlState === '54000')
    return new DomainError(ErrorCode.BadRequest, 'A value cannot be stored');
  const parser = exception as ParserError;
  if (parser && typeof parser.type === 'string') {
    if (parser.type === 'entity.parse.failed')
      return new DomainError(ErrorCode.InvalidJson, 'Request body is not valid JSON');
    if (parser.type === 'entity.too.large')
      return new DomainError(ErrorCode.PayloadTooLarge, 'Request body is too large');
    if (parser.type === 'encoding.unsupported' || parser.type === 'charset.unsupported')
      return new DomainError(ErrorCode.UnsupportedMediaType, 'Unsupported body encoding');
    const status = parser.status ?? parser.statusCode ?? 400;
    if (status < 500) return new DomainError(CODE_BY_STATUS[status] ?? ErrorCode.BadRequest, 'Malformed request body');
  }
  return new DomainError(ErrorCode.Internal, 'Internal error');
}

export function validationError(details: ErrorDetail[]): DomainError {
  const first = details[0]?.message ?? 'invalid input';
  return new DomainError(ErrorCode.ValidationFailed, `Invalid input: ${first}`, details);
}
