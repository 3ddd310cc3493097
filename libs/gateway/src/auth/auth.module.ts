import { Module } from '@nestjs/common';
import { InternalClient, PrincipalResolver } from '@switchboard/platform';
import { GatewayClientsModule } from '../gateway-clients.module';
import { GatewayConfig } from '../gateway.config';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';

/** Who is calling: credentials of every dialect to a principal (cached), and the guard the controllers use. */
@Module({
  imports: [GatewayClientsModule],
  providers: [
    {
      provide: PrincipalResolver,
      inject: [InternalClient, GatewayConfig],
      useFactory: (messaging: InternalClient, config: GatewayConfig) =>
        new PrincipalResolver(messaging, config.AUTH_CACHE_SECONDS * 1000),
    },
    Authenticator,
    AuthGuard,
  ],
  exports: [Authenticator, AuthGuard],
})
export class AuthModule {}
