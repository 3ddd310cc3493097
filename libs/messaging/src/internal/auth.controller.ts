import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { IsString, MaxLength } from 'class-validator';
import { type Principal, InternalRoutes } from '@switchboard/contracts';
import { AuthService } from '../auth/auth.service';
import { InternalController } from './internal-controller.decorator';

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

@InternalController()
export class InternalAuthController {
  constructor(private readonly auth: AuthService) {}

  @InternalRoute(InternalRoutes.authByToken)
  @HttpCode(200)
  byToken(@Body() body: TokenBody): Promise<Principal> {
    return this.auth.byToken(body.token);
  }

  @InternalRoute(InternalRoutes.authByBasic)
  @HttpCode(200)
  byBasic(@Body() body: BasicBody): Promise<Principal> {
    return this.auth.byBasic(body.email, body.apiKey);
  }
}
