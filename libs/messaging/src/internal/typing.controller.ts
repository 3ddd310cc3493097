import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { INTERNAL_PREFIX, TypingDto, type TypingResult } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { TypingService } from '../typing/typing.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(`${INTERNAL_PREFIX}/typing`)
@UseGuards(InternalAuthGuard)
export class InternalTypingController {
  constructor(private readonly typing: TypingService) {}

  @Post()
  @HttpCode(200)
  announce(@Actor() actor: UserEntity, @Body() body: TypingDto): Promise<TypingResult> {
    return this.typing.announce(actor, body);
  }
}
