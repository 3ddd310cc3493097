import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import { isAppTokenShaped } from '../apps/app-secrets';
import { SlackAppService } from '../apps/slack-app.service';
import { OrganisationService } from '../organisations/organisation.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { toOrganisationView, toUserView } from '../views/view-mappers';

/** Turns the credentials the three dialects send (bearer token, Zulip email:api_key) into a principal. */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: ApiTokenService,
    private readonly organisations: OrganisationService,
    private readonly apps: SlackAppService,
  ) {}

  async byToken(token: string): Promise<Principal> {
    if (isAppTokenShaped(token)) return this.byAppToken(token);
    const user = await this.tokens.resolve(token);
    return {
      user: toUserView(user),
      organisation: toOrganisationView(await this.organisations.get(user.organisationId)),
    };
  }

  /** `xoxb-…` acts as the app's bot user everywhere a token is accepted; `xapp-…` only opens Socket Mode connections (the edge enforces it). */
  private async byAppToken(token: string): Promise<Principal> {
    const { user, app, kind } = await this.apps.resolveToken(token);
    return {
      user: toUserView(user),
      organisation: toOrganisationView(await this.organisations.get(user.organisationId)),
      app: { appId: app.id, botUserId: user.id, tokenKind: kind },
    };
  }

  async byBasic(email: string, apiKey: string): Promise<Principal> {
    const principal = await this.byToken(apiKey);
    if (principal.user.email.toLowerCase() !== email.trim().toLowerCase())
      throw new DomainError(ErrorCode.InvalidToken, 'Invalid API key');
    return principal;
  }
}
