import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { INTERNAL_PREFIX, type Principal } from '@switchboard/contracts';
import { AuthService } from '../auth/auth.service';
import { InternalAuthGuard } from './internal-auth.guard';

class TokenBody {
  @IsString()
  @MaxLength(200)
  token!: string;
}

class BasicBody {
  @IsString()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(200)
  apiKey!: string;
}

@Controller(`${INTERNAL_PREFIX}/auth`)
@UseGuards(InternalAuthGuard)
export class InternalAuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @HttpCode(200)
  byToken(@Body() body: TokenBody): Promise<Principal> {
    return this.auth.byToken(body.token);
  }

  @Post('basic')
  @HttpCode(200)
  byBasic(@Body() body: BasicBody): Promise<Principal> {
    return this.auth.byBasic(body.email, body.apiKey);
  }
}
