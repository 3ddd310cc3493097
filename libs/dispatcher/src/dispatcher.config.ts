import { BaseConfig, DEV_INTERNAL_SECRET, IntSetting, SecretSetting, UrlSetting } from '@switchboard/platform';

export class DispatcherConfig extends BaseConfig {
  override PORT = 3003;

  @UrlSetting(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IntSetting(1, 1000)
  WEBHOOK_CONCURRENCY = 10;

  /** Scheduled jobs (status expiry) call messaging-service's internal API. */
  @UrlSetting(['http', 'https'])
  MESSAGING_SERVICE_URL = 'http://127.0.0.1:3002';

  @SecretSetting()
  INTERNAL_API_SECRET = DEV_INTERNAL_SECRET;

  @IntSetting(1, 1000)
  SCHEDULED_CONCURRENCY = 5;
}
