import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import type { ErrorDetail } from '../errors';
import { PostMessageDto } from './message.dto';
import { checkPostBody } from './plain-post-body';
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_TOPIC_LENGTH } from './validators';

/** What the validation pipe (createValidationPipe: whitelist, transform) makes of a body: its details, in its order. */
function pipeDetails(body: object): ErrorDetail[] {
  const errors: ValidationError[] = validateSync(plainToInstance(PostMessageDto, body), {
    whitelist: true,
    forbidUnknownValues: false,
  });
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({ field: error.property, message })),
  );
}

const emoji = '\u{1F600}';
const presentation = '\u2764\uFE0F';

describe('checkPostBody', () => {
  describe('refuses exactly what PostMessageDto refuses, with the same details', () => {
    it.each<[string, object]>([
      ['no message', {}],
      ['message null', { message: null }],
      ['message a number', { message: 5 }],
      ['message true', { message: true }],
      ['message an array', { message: ['a'] }],
      ['message an object', { message: { text: 'a' } }],
      ['message empty', { message: '' }],
      ['message one over the limit', { message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }],
      ['topic a number', { message: 'a', topic: 5 }],
      ['topic an array', { message: 'a', topic: ['t'] }],
      ['topic one over the limit', { message: 'a', topic: 't'.repeat(MAX_MESSAGE_TOPIC_LENGTH + 1) }],
      ['message and topic both wrong', { message: 5, topic: 5 }],
      ['empty message, topic too long', { message: '', topic: 't'.repeat(MAX_MESSAGE_TOPIC_LENGTH + 1) }],
      ['message over the limit in emoji', { message: emoji.repeat(MAX_MESSAGE_LENGTH + 1) }],
    ])('%s', (_label, body) => {
      const expected = pipeDetails(body);
      expect(expected.length).toBeGreaterThan(0);
      expect(checkPostBody(body)).toEqual({ details: expected });
    });
  });

  describe('accepts exactly what PostMessageDto accepts', () => {
    it.each<[string, object, object]>([
      ['a message', { message: 'hello' }, { message: 'hello' }],
      ['one character', { message: 'x' }, { message: 'x' }],
      ['whitespace only (the service decides)', { message: '   ' }, { message: '   ' }],
      ['at the limit', { message: 'x'.repeat(MAX_MESSAGE_LENGTH) }, { message: 'x'.repeat(MAX_MESSAGE_LENGTH) }],
      [
        'at the limit in emoji (a surrogate pair counts once)',
        { message: emoji.repeat(MAX_MESSAGE_LENGTH) },
        { message: emoji.repeat(MAX_MESSAGE_LENGTH) },
      ],
      [
        'at the limit in presentation sequences',
        { message: presentation.repeat(MAX_MESSAGE_LENGTH) },
        { message: presentation.repeat(MAX_MESSAGE_LENGTH) },
      ],
      ['with a topic', { message: 'a', topic: 'news' }, { message: 'a', topic: 'news' }],
      ['with an empty topic', { message: 'a', topic: '' }, { message: 'a', topic: '' }],
      ['topic at the limit', { message: 'a', topic: 't'.repeat(60) }, { message: 'a', topic: 't'.repeat(60) }],
      ['topic null (as absent)', { message: 'a', topic: null }, { message: 'a' }],
      ['topic undefined', { message: 'a', topic: undefined }, { message: 'a' }],
    ])('%s', (_label, body, expected) => {
      expect(pipeDetails(body)).toEqual([]);
      expect(checkPostBody(body)).toEqual({ body: expected });
    });
  });

  describe('leaves unusual input to the ordinary route', () => {
    it.each<[string, unknown]>([
      ['an unknown field (the pipe strips it)', { message: 'a', token: 'x' }],
      ['an unknown field beside invalid ones', { message: 5, extra: 1 }],
      ['an array', [{ message: 'a' }]],
      ['a string', 'hello'],
      ['null', null],
      ['undefined (no body parsed)', undefined],
      [
        'an object without prototype (urlencoded or multipart)',
        Object.assign(Object.create(null) as object, { message: 'a' }),
      ],
      [
        'a class instance',
        new (class Body {
          message = 'a';
        })(),
      ],
    ])('%s', (_label, body) => {
      expect(checkPostBody(body)).toEqual({ unusual: true });
    });
  });

  it('returns a new body object, never the input', () => {
    const input = { message: 'a', topic: 't' };
    const checked = checkPostBody(input);
    expect('body' in checked && checked.body).not.toBe(input);
  });
});
