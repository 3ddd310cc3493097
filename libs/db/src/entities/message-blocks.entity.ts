import { Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn } from './columns';

/**
 * Slack Block Kit `blocks` of a message posted with them (issue 16), beside the message rather than
 * in it: the text stays the message (its fallback), and clients that know blocks read them here.
 */
@Entity('message_blocks')
export class MessageBlocksEntity {
  @PrimaryColumn({ type: 'bigint' }) messageId!: string;
  @JsonColumn() blocks!: unknown[];
}
