import { Body, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { SetStatusDto, type StatusView, InternalRoutes, type CortezaIds, cortezaIds } from '@switchboard/contracts';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';
import { type Caller, CurrentCaller } from './caller';

@CortezaController('status')
export class StatusController extends ForwardsToMessaging {
  /** The organisation's current statuses. */
  @Get()
  async list(@CurrentCaller() caller: Caller): Promise<CortezaIds<StatusView>[]> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.listStatuses));
  }

  /** Sets the caller's status; `expires` as in parseStatusExpiry (when-active, afternoon, tomorrow, 1h, 30m, 1 PM, 2019-05-20). */
  @Post()
  @HttpCode(200)
  async set(@CurrentCaller() caller: Caller, @Body() body: SetStatusDto): Promise<CortezaIds<StatusView>> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.setStatus, { body }));
  }

  @Delete()
  clear(@CurrentCaller() caller: Caller): Promise<{ cleared: boolean }> {
    return this.messaging.call(caller, InternalRoutes.clearStatus);
  }
}
