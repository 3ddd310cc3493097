import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { TypingDto, type TypingResult, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { TypingService } from '../typing/typing.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalTypingController {
  constructor(private readonly typing: TypingService) {}

  @InternalRoute(InternalRoutes.announceTyping)
  @HttpCode(200)
  announce(@Actor() actor: UserEntity, @Body() body: TypingDto): Promise<TypingResult> {
    return this.typing.announce(actor, body);
  }
}
