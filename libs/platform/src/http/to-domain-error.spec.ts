import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GatewayTimeoutException,
  HttpException,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  RequestTimeoutException,
  ServiceUnavailableException,
  UnauthorizedException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorDetail } from '@switchboard/contracts';
import { toDomainError, validationError } from './to-domain-error';

const SECRET = 'password=hunter2 at /srv/app/db.ts:42';

/** What toDomainError should make of a thrown value: [label, thrown, code, message]. */
type Row = [string, unknown, ErrorCode, string];

function expectDomainError(thrown: unknown, code: ErrorCode, message: string): DomainError {
  const error = toDomainError(thrown);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
  expect(error.details).toBeUndefined();
  return error;
}

describe('toDomainError', () => {
  it.each<[string, DomainError]>([
    ['a not-found error', new DomainError(ErrorCode.ChannelNotFound, 'Channel not found')],
    ['an internal error', new DomainError(ErrorCode.Internal, 'Something specific')],
    [
      'an error with details',
      new DomainError(ErrorCode.ValidationFailed, 'Invalid input: x', [{ field: 'x', message: 'x is bad' }]),
    ],
  ])('passes %s through unchanged', (_label, error) => {
    expect(toDomainError(error)).toBe(error);
  });

  it.each<Row>([
    [
      'BadRequestException with a string',
      new BadRequestException('name is required'),
      ErrorCode.BadRequest,
      'name is required',
    ],
    [
      'BadRequestException with an array',
      new BadRequestException(['name is required', 'topic is too long']),
      ErrorCode.BadRequest,
      'name is required; topic is too long',
    ],
    ['BadRequestException without a message', new BadRequestException(), ErrorCode.BadRequest, 'Bad Request'],
    [
      'BadRequestException with a description',
      new BadRequestException('Bad input', { description: 'detail' }),
      ErrorCode.BadRequest,
      'Bad input',
    ],
    ['UnauthorizedException', new UnauthorizedException(), ErrorCode.NotAuthenticated, 'Unauthorized'],
    ['ForbiddenException', new ForbiddenException('No entry'), ErrorCode.Forbidden, 'No entry'],
    ['NotFoundException', new NotFoundException(), ErrorCode.NotFound, 'Not Found'],
    [
      'NotFoundException for a route',
      new NotFoundException('Cannot GET /nowhere'),
      ErrorCode.NotFound,
      'Cannot GET /nowhere',
    ],
    ['MethodNotAllowedException', new MethodNotAllowedException(), ErrorCode.BadRequest, 'Method Not Allowed'],
    ['RequestTimeoutException (unmapped 4xx)', new RequestTimeoutException(), ErrorCode.BadRequest, 'Request Timeout'],
    ['ConflictException', new ConflictException('Taken'), ErrorCode.Conflict, 'Taken'],
    ['PayloadTooLargeException', new PayloadTooLargeException(), ErrorCode.PayloadTooLarge, 'Payload Too Large'],
    [
      'UnsupportedMediaTypeException',
      new UnsupportedMediaTypeException(),
      ErrorCode.UnsupportedMediaType,
      'Unsupported Media Type',
    ],
    [
      'UnprocessableEntityException (unmapped 4xx)',
      new UnprocessableEntityException('Nope'),
      ErrorCode.BadRequest,
      'Nope',
    ],
    ['a 429 HttpException', new HttpException('Slow down', 429), ErrorCode.RateLimited, 'Slow down'],
    [
      'an HttpException with an object lacking a message',
      new HttpException({ reason: 'x' }, 400),
      ErrorCode.BadRequest,
      'Http Exception',
    ],
    [
      'an HttpException with a non-string message',
      new HttpException({ message: 42 }, 404),
      ErrorCode.NotFound,
      'Http Exception',
    ],
    ['InternalServerErrorException', new InternalServerErrorException(SECRET), ErrorCode.Internal, 'Internal error'],
    [
      'a 500 HttpException with an array',
      new HttpException({ message: [SECRET] }, 500),
      ErrorCode.Internal,
      'Internal error',
    ],
    [
      'GatewayTimeoutException (unmapped 5xx)',
      new GatewayTimeoutException(SECRET),
      ErrorCode.Internal,
      'Internal error',
    ],
    ['ServiceUnavailableException', new ServiceUnavailableException(SECRET), ErrorCode.Unavailable, 'Internal error'],
  ])('maps a Nest %s', (_label, thrown, code, message) => {
    expectDomainError(thrown, code, message);
  });

  it.each<Row>([
    [
      'invalid JSON',
      { type: 'entity.parse.failed', status: 400 },
      ErrorCode.InvalidJson,
      'Request body is not valid JSON',
    ],
    [
      'a body too large',
      { type: 'entity.too.large', status: 413 },
      ErrorCode.PayloadTooLarge,
      'Request body is too large',
    ],
    [
      'an unsupported charset',
      { type: 'charset.unsupported', status: 415 },
      ErrorCode.UnsupportedMediaType,
      'Unsupported body encoding',
    ],
    [
      'an unsupported encoding',
      { type: 'encoding.unsupported', status: 415 },
      ErrorCode.UnsupportedMediaType,
      'Unsupported body encoding',
    ],
    ['an aborted request', { type: 'request.aborted', status: 400 }, ErrorCode.BadRequest, 'Malformed request body'],
    ['a size mismatch', { type: 'request.size.invalid', status: 400 }, ErrorCode.BadRequest, 'Malformed request body'],
    ['a failed verify', { type: 'entity.verify.failed', status: 403 }, ErrorCode.Forbidden, 'Malformed request body'],
    [
      'too many parameters',
      { type: 'parameters.too.many', status: 413 },
      ErrorCode.PayloadTooLarge,
      'Malformed request body',
    ],
    ['an unmapped 4xx status', { type: 'something.else', status: 422 }, ErrorCode.BadRequest, 'Malformed request body'],
    [
      'a statusCode instead of status',
      { type: 'something.else', statusCode: 404 },
      ErrorCode.NotFound,
      'Malformed request body',
    ],
    ['no status at all', { type: 'something.else' }, ErrorCode.BadRequest, 'Malformed request body'],
    ['a 5xx parser error', { type: 'stream.encoding.set', status: 500 }, ErrorCode.Internal, 'Internal error'],
    [
      'a real SyntaxError from the JSON parser',
      Object.assign(new SyntaxError(`Unexpected token in JSON: ${SECRET}`), {
        type: 'entity.parse.failed',
        status: 400,
        body: SECRET,
      }),
      ErrorCode.InvalidJson,
      'Request body is not valid JSON',
    ],
    [
      'a 4xx error with a message',
      Object.assign(new Error(SECRET), { type: 'request.aborted', status: 400 }),
      ErrorCode.BadRequest,
      'Malformed request body',
    ],
  ])('maps a body-parser error: %s', (_label, thrown, code, message) => {
    expectDomainError(thrown, code, message);
  });

  it.each<Row>([
    ['a unique violation', { code: '23505' }, ErrorCode.Conflict, 'That conflicts with an existing record'],
    [
      'a wrapped unique violation',
      { driverError: { code: '23505' } },
      ErrorCode.Conflict,
      'That conflicts with an existing record',
    ],
    ['a numeric value out of range', { code: '22003' }, ErrorCode.BadRequest, 'A value is out of range'],
    [
      'a wrapped invalid text representation',
      { driverError: { code: '22P02' } },
      ErrorCode.BadRequest,
      'A value is out of range',
    ],
    [
      'the driver code winning over the outer code',
      { code: 'XX000', driverError: { code: '23505' } },
      ErrorCode.Conflict,
      'That conflicts with an existing record',
    ],
    [
      'a QueryFailedError-like error',
      Object.assign(new Error(`duplicate key value violates unique constraint "users_email_key" ${SECRET}`), {
        driverError: { code: '23505', detail: SECRET },
      }),
      ErrorCode.Conflict,
      'That conflicts with an existing record',
    ],
    ['a foreign-key violation', { code: '23503' }, ErrorCode.Internal, 'Internal error'],
    ['a connection failure', { code: 'ECONNREFUSED' }, ErrorCode.Internal, 'Internal error'],
    ['a numeric code', { code: 23505 }, ErrorCode.Internal, 'Internal error'],
  ])('maps a PostgreSQL error: %s', (_label, thrown, code, message) => {
    expectDomainError(thrown, code, message);
  });

  it.each<[string, unknown]>([
    ['a plain Error', new Error(SECRET)],
    ['a TypeError', new TypeError(SECRET)],
    ['an error with a non-string type', Object.assign(new Error(SECRET), { type: 42, status: 400 })],
    ['a thrown string', SECRET],
    ['a thrown number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
    ['an object with a message', { message: SECRET, status: 400 }],
  ])('turns %s into internal_error without leaking it', (_label, thrown) => {
    const error = expectDomainError(thrown, ErrorCode.Internal, 'Internal error');
    expect(error.status).toBe(500);
    expect(JSON.stringify(error.toBody())).not.toContain('hunter2');
  });

  it.each<[unknown, number]>([
    [new NotFoundException(), 404],
    [new PayloadTooLargeException(), 413],
    [{ type: 'entity.parse.failed', status: 400 }, 400],
    [{ code: '23505' }, 409],
    [new InternalServerErrorException(), 500],
  ])('keeps the HTTP status of %p', (thrown, status) => {
    expect(toDomainError(thrown).status).toBe(status);
  });
});

describe('validationError', () => {
  it.each<[string, ErrorDetail[], string]>([
    ['one detail', [{ field: 'name', message: 'name must be a string' }], 'Invalid input: name must be a string'],
    [
      'several details, naming the first',
      [
        { field: 'name', message: 'name should not be empty' },
        { field: 'topic', message: 'topic must be shorter than or equal to 250 characters' },
      ],
      'Invalid input: name should not be empty',
    ],
    ['a detail without a field', [{ message: 'body must be an object' }], 'Invalid input: body must be an object'],
    ['no details', [], 'Invalid input: invalid input'],
  ])('builds a validation_failed error from %s', (_label, details, message) => {
    const error = validationError(details);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
    expect(error.details).toBe(details);
    expect(error.toBody()).toStrictEqual({ error: { code: 'validation_failed', message, details } });
  });

  it('passes through toDomainError unchanged', () => {
    const error = validationError([{ field: 'x', message: 'x is bad' }]);
    expect(toDomainError(error)).toBe(error);
  });
});
