import { isApiTokenShape, newApiToken } from './api-token.service';

describe('API token shape', () => {
  it('issues tokens longer than 100 characters (the Corteza client drops shorter ones), sbt_ and base64url', () => {
    const token = newApiToken();
    expect(token).toMatch(/^sbt_[A-Za-z0-9_-]{100}$/);
    expect(token.length).toBeGreaterThan(100);
    expect(isApiTokenShape(token)).toBe(true);
    expect(newApiToken()).not.toBe(token);
  });

  it.each([
    ['a token issued before (sbt_ + 43)', 'sbt_' + 'a'.repeat(43), true],
    ['a current token (sbt_ + 100)', 'sbt_' + 'a'.repeat(100), true],
    ['a length in between', 'sbt_' + 'a'.repeat(60), false],
    ['too long', 'sbt_' + 'a'.repeat(101), false],
    ['another prefix', 'sbw_' + 'a'.repeat(43), false],
    ['characters outside base64url', 'sbt_' + '+'.repeat(43), false],
    ['empty', '', false],
  ])('%s → %s', (_label, token, accepted) => {
    expect(isApiTokenShape(token)).toBe(accepted);
  });
});
