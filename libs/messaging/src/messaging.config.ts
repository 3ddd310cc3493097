import { IsIn, IsString, MaxLength } from 'class-validator';
import {
  BaseConfig,
  BoolSetting,
  DEV_INTERNAL_SECRET,
  QueuePrefixSetting,
  RedisUrlSetting,
  IntSetting,
  SecretSetting,
  UrlSetting,
} from '@switchboard/platform';

export class MessagingConfig extends BaseConfig {
  override PORT = 3002;

  @UrlSetting(['postgres', 'postgresql'])
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/switchboard';

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;

  @RedisUrlSetting()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @SecretSetting()
  INTERNAL_API_SECRET = DEV_INTERNAL_SECRET;

  /** Turned off only to test that committed events survive a relay outage. */
  @BoolSetting()
  OUTBOX_RELAY_ENABLED = true;

  @IntSetting(10, 60000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @IntSetting(1, 5000)
  OUTBOX_BATCH_SIZE = 500;

  @IntSetting(1, 720)
  OUTBOX_RETENTION_HOURS = 24;

  /** Events kept per organisation in the Redis event log that queues and RTM resume replay from. */
  @IntSetting(100, 10_000_000)
  EVENT_LOG_MAX_EVENTS = 50_000;

  /** Derives outgoing webhooks' signing secrets (see webhook-secrets.ts); changing it changes every secret. */
  @SecretSetting()
  WEBHOOK_SECRET_KEY = 'switchboard-dev-webhook-secret-key';

  /** Redis key prefix of the BullMQ queues; producers and workers must agree (tests isolate clusters with it). */
  @QueuePrefixSetting()
  QUEUE_PREFIX = 'bull';

  /** Attempts per outgoing webhook delivery before it is kept as dead. */
  @IntSetting(1, 50)
  WEBHOOK_MAX_ATTEMPTS = 5;

  /** Finished (delivered or dead) webhook deliveries are kept this long, then removed by WebhookDeliveryRetention's sweep. */
  @IntSetting(1, 3650)
  WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

  /** Deliveries still pending this long get their job added again (a no-op while it exists): jobs lost with Redis are not lost deliveries. */
  @IntSetting(10, 86_400)
  WEBHOOK_PENDING_SWEEP_SECONDS = 60;

  /**
   * How long messaging-service remembers a user row for the internal API's actor (0 = never). The
   * post fast path checks the row itself in its statement; other calls may see a profile change or a
   * deactivation this much later (as the edges' AUTH_CACHE_SECONDS). Capped at half the when-active grace.
   */
  @IntSetting(0, 60)
  ACTOR_CACHE_SECONDS = 5;

  /** A `when-active` status clears at the first authenticated call at least this long after it was set. */
  @IntSetting(0, 86_400)
  STATUS_WHEN_ACTIVE_GRACE_SECONDS = 60;

  /** HMAC key of attachment links; changing it invalidates every link handed out. */
  @SecretSetting()
  ATTACHMENT_SIGNING_SECRET = 'switchboard-dev-attachment-secret';

  @IntSetting(1, 1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** Deleted messages' attachment files still present after this long get their removal job again; also the sweep's period. */
  @IntSetting(1, 86_400)
  ATTACHMENT_REMOVAL_SWEEP_SECONDS = 600;

  @IsIn(['local', 's3'])
  ATTACHMENT_STORAGE: 'local' | 's3' = 'local';

  /** Local driver: the directory (a shared volume when there are several replicas). */
  @IsString()
  @MaxLength(1000)
  ATTACHMENT_DIR = './data/attachments';

  @IsString()
  @MaxLength(200)
  S3_BUCKET = '';

  @IsString()
  @MaxLength(100)
  S3_REGION = 'us-east-1';

  /** Empty for AWS; the URL of an S3-compatible store otherwise. */
  @IsString()
  @MaxLength(1000)
  S3_ENDPOINT = '';

  @BoolSetting()
  S3_FORCE_PATH_STYLE = false;

  /** Empty: the SDK's default credential chain (instance role, environment, …). */
  @IsString()
  @MaxLength(200)
  S3_ACCESS_KEY_ID = '';

  @IsString()
  @MaxLength(200)
  S3_SECRET_ACCESS_KEY = '';
}
