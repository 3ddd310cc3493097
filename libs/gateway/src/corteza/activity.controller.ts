import { Body, HttpCode, Post } from '@nestjs/common';
import { ActivityDto, InternalRoutes } from '@switchboard/contracts';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';
import { type Caller, CurrentCaller } from './caller';

@CortezaController('activity')
export class ActivityController extends ForwardsToMessaging {
  /** Broadcasts the caller's activity (`kind`, e.g. typing) to a channel's members or the organisation; never stored. */
  @Post()
  @HttpCode(200)
  send(@CurrentCaller() caller: Caller, @Body() body: ActivityDto): Promise<{ delivered: boolean }> {
    return this.messaging.call(caller, InternalRoutes.broadcastActivity, { body });
  }
}
