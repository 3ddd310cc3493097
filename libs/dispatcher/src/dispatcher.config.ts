import { BaseConfig, IntSetting, UrlSetting } from '@switchboard/platform';

export class DispatcherConfig extends BaseConfig {
  override PORT = 3003;

  @UrlSetting(['redis', 'rediss'])
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IntSetting(1, 1000)
  WEBHOOK_CONCURRENCY = 10;
}
