import { All, Controller, HttpCode, Param, Req } from '@nestjs/common';
import { Dialect } from '@switchboard/platform';
import type { Request } from 'express';
import { Authenticator, type AuthenticatedRequest } from '../../auth/authenticator';
import { GatewayConfig } from '../../gateway.config';
import { RateLimiter } from '../../http/rate-limiter';
import { AppsMethods } from './apps.methods';
import { ChatMethods } from './chat.methods';
import { ConversationsMethods } from './conversations.methods';
import { ReactionsPinsMethods } from './reactions-pins.methods';
import { rtmClientOf } from '../rtm-admission';
import { RtmMethods } from './rtm.methods';
import { SlackApiError, type SlackMethod, type SlackParams } from './slack-call';
import { UsersMethods } from './users.methods';

/**
 * The Slack Web API subset at `/api/{method}` (GET or POST, form or JSON, token from the bearer
 * header, the body or the query). Slack answers HTTP 200 for everything but rate limits.
 */
@Dialect('slack')
@Controller('api')
export class SlackApiController {
  private readonly methods: Map<string, SlackMethod>;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
    private readonly config: GatewayConfig,
    chat: ChatMethods,
    conversations: ConversationsMethods,
    users: UsersMethods,
    rtm: RtmMethods,
    reactionsPins: ReactionsPinsMethods,
    apps: AppsMethods,
  ) {
    this.methods = new Map(
      Object.entries({
        ...chat.methods(),
        ...conversations.methods(),
        ...users.methods(),
        ...rtm.methods(),
        ...reactionsPins.methods(),
        ...apps.methods(),
      }),
    );
  }

  @All(':method')
  @HttpCode(200)
  async call(@Param('method') name: string, @Req() req: Request) {
    const method = this.methods.get(name);
    const principal = await this.authenticator.authenticate(req);
    if (!method) throw new SlackApiError('unknown_method');
    // An app-level token opens Socket Mode connections and nothing else, as on Slack.
    if (principal.app?.tokenKind === 'app' && name !== 'apps.connections.open')
      throw new SlackApiError('not_allowed_token_type');
    const rtm = name.startsWith('rtm.');
    // rtm.connect has its own admission (RtmAdmission): it counts sessions whose socket arrived, not calls.
    if (!rtm) await this.limiter.hit('slack-api', principal.user.userId, this.config.API_REQUESTS_PER_MINUTE);
    const params: SlackParams = { ...(req.query as SlackParams), ...((req.body as SlackParams | undefined) ?? {}) };
    delete params.token;
    return method({
      principal,
      params,
      requestId: (req as AuthenticatedRequest).id,
      baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}/`,
      ...(rtm ? { rtmClient: rtmClientOf(req) } : {}),
    });
  }
}
