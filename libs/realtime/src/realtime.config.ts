import { BaseConfig, DEV_INTERNAL_SECRET, IntSetting, SecretSetting, UrlSetting } from '@switchboard/platform';

export class RealtimeConfig extends BaseConfig {
  override PORT = 3001;

  @UrlSetting(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  @UrlSetting(['http', 'https'])
  MESSAGING_SERVICE_URL = 'http://127.0.0.1:3002';

  @SecretSetting()
  INTERNAL_API_SECRET = DEV_INTERNAL_SECRET;

  /** Sockets are told `goodbye` and closed at this age (Slack: 8 hours). */
  @IntSetting(10, 7 * 24 * 3600)
  RTM_MAX_SOCKET_AGE_SECONDS = 8 * 3600;

  /** Client frames above this size close the socket (Slack: 16 KB). */
  @IntSetting(1024, 1024 * 1024)
  RTM_MAX_FRAME_BYTES = 16 * 1024;
}
