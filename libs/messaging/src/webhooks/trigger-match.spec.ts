import { matchesTrigger } from './trigger-match';

describe('matchesTrigger', () => {
  it.each([
    ['no trigger, any text', 'hello', null, true],
    ['empty trigger counts as none', 'hello', '', true],
    ['exact trigger word', '!ping', '!ping', true],
    ['trigger then words', '!ping now please', '!ping', true],
    ['trigger then newline', '!ping\nmore', '!ping', true],
    ['leading whitespace before the trigger', '   !ping', '!ping', true],
    ['trigger as the prefix of a longer word', '!pingpong', '!ping', false],
    ['trigger in the middle', 'say !ping', '!ping', false],
    ['different case', '!PING', '!ping', false],
    ['empty text with a trigger', '', '!ping', false],
    ['multi-word trigger', 'deploy bot go', 'deploy bot', true],
  ])('%s', (_label, text, trigger, expected) => {
    expect(matchesTrigger(text, trigger)).toBe(expected);
  });
});
