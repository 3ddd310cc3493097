import { parseMentions } from './mention-parser';

describe('parseMentions', () => {
  it.each([
    ['no mentions', 'hello world', [], []],
    ['a mention by id', 'hi <@383012345678901234>!', ['383012345678901234'], []],
    ['a mention by handle', 'hi @ada, look', [], ['ada']],
    ['handle at the start', '@ada hi', [], ['ada']],
    ['handles are case-insensitive and deduplicated', '@Ada and @ada', [], ['ada']],
    ['trailing punctuation is not part of the handle', 'thanks @grace.', [], ['grace']],
    ['dots and dashes inside handles', '@ada.lovelace @grace-hopper', [], ['ada.lovelace', 'grace-hopper']],
    ['e-mail addresses are not mentions', 'mail ada@example.com', [], []],
    ['inline code is ignored', 'run `@ada` and `<@1>`', [], []],
    ['fenced code is ignored', '```\n@ada <@1>\n```\n@grace', [], ['grace']],
    ['ids and handles together', '<@1> <@2> <@1> @bob', ['1', '2'], ['bob']],
    ['a lone @ is nothing', 'meet @ 5', [], []],
    ['ids longer than 20 digits are not ids', '<@123456789012345678901>', [], []],
  ])('%s', (_label, text, userIds, handles) => {
    expect(parseMentions(text)).toEqual({ userIds, handles });
  });
});
