import { gatewayDialectOf, mountOf } from './gateway-mounts';

describe('gateway mounts', () => {
  it.each([
    ['/api/v1/messages', 'zulip', 'ip-and-credential'],
    ['/api/v1/users/me/presence', 'zulip', 'ip-and-credential'],
    ['/api/chat.postMessage', 'slack', 'ip'],
    // Not under /api/v1/: a Slack method named "v1", as the Slack controller routes it.
    ['/api/v1', 'slack', 'ip'],
    ['/channels/1/messages', 'corteza', 'ip-and-credential'],
    ['/webhooks/1/token', 'corteza', 'ip-and-credential'],
    ['/apps', 'corteza', 'ip-and-credential'],
    ['/', 'corteza', 'ip-and-credential'],
    ['/health/ready', 'corteza', 'none'],
    ['/metrics', 'corteza', 'none'],
    // A mount without a trailing slash is that path alone.
    ['/metrics/x', 'corteza', 'ip-and-credential'],
    ['/metricsx', 'corteza', 'ip-and-credential'],
    ['/health', 'corteza', 'ip-and-credential'],
  ])('%s → %s, rate limits %s', (path, dialect, rateLimits) => {
    expect(mountOf(path)).toMatchObject({ dialect, rateLimits });
    expect(gatewayDialectOf(path)).toBe(dialect);
  });
});
