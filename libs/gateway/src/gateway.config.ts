import { BaseConfig, DEV_INTERNAL_SECRET, IntSetting, SecretSetting, UrlSetting } from '@switchboard/platform';

export class GatewayConfig extends BaseConfig {
  override PORT = 3000;

  @UrlSetting(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  @UrlSetting(['http', 'https'])
  MESSAGING_SERVICE_URL = 'http://127.0.0.1:3002';

  @SecretSetting()
  INTERNAL_API_SECRET = DEV_INTERNAL_SECRET;

  /** Where clients reach the realtime gateway; rtm.connect hands out URLs under it. */
  @UrlSetting(['ws', 'wss'])
  REALTIME_PUBLIC_URL = 'ws://127.0.0.1:3001';

  /** Internal URL of the realtime gateway, where Zulip event-queue requests are forwarded when no ingress routes them. */
  @UrlSetting(['http', 'https'])
  REALTIME_SERVICE_URL = 'http://127.0.0.1:3001';

  @IntSetting(1024, 100 * 1024 * 1024)
  MAX_BODY_BYTES = 1024 * 1024;
}
