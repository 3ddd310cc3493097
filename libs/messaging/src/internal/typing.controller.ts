import { Body, Controller, HttpCode, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { INTERNAL_PREFIX, TypingDto, type TypingResult, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { TypingService } from '../typing/typing.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalTypingController {
  constructor(private readonly typing: TypingService) {}

  @InternalRoute(InternalRoutes.announceTyping)
  @HttpCode(200)
  announce(@Actor() actor: UserEntity, @Body() body: TypingDto): Promise<TypingResult> {
    return this.typing.announce(actor, body);
  }
}
