import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdString } from '../dto/validators';

export const MAX_STATUS_MESSAGE_LENGTH = 140;
export const MAX_STATUS_ICON_LENGTH = 64;

export class SetStatusDto {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_STATUS_ICON_LENGTH)
  icon?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_STATUS_MESSAGE_LENGTH)
  message?: string;

  /** See `parseStatusExpiry` for the accepted forms. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  expires?: string;
}

export interface StatusView {
  userId: string;
  icon: string;
  message: string;
  /** When the status clears by itself; null when it does not expire at a fixed time. */
  expiresAt: string | null;
  /** True when the status clears at the user's next activity (`expires=when-active`). */
  whenActive: boolean;
  setAt: string;
}

export type StatusClearReason = 'cleared' | 'expired' | 'active';

/** The delayed BullMQ job that clears a status at its expiry (queue SCHEDULED_QUEUE). */
export interface StatusExpireJob {
  userId: string;
  /** The `setAt` of the status the job was made for; a newer status is left alone. */
  setAt: string;
}

export const statusExpireJobId = (userId: string): string => `status-expire-${userId}`;

export class StatusExpireJobDto implements StatusExpireJob {
  @IsIdString()
  userId!: string;

  @IsISO8601({ strict: true })
  setAt!: string;
}
