import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { OrganisationService } from '../organisations/organisation.service';
import { ApiTokenService } from '../tokens/api-token.service';
import { UserRepository } from '../users/user.repository';
import { UserService } from '../users/user.service';

/** The operations behind `npm run admin` (apps/messaging-service/src/cli.ts). */
@Injectable()
export class AdminService {
  constructor(
    private readonly users: UserService,
    private readonly userRepository: UserRepository,
    private readonly organisations: OrganisationService,
    private readonly tokens: ApiTokenService,
  ) {}

  bootstrap(input: { org: string; email: string; name: string }) {
    return this.users.transaction(async (em) => {
      const organisation = await this.organisations.create(em, input.org);
      const user = await this.users.create(em, {
        organisationId: organisation.id,
        email: input.email,
        name: input.name,
        kind: 'user',
        role: 'admin',
      });
      return {
        organisationID: organisation.id,
        organisationSlug: organisation.slug,
        userID: user.id,
        handle: user.handle,
        ...(await this.issueToken(em, user.id, 'bootstrap')),
      };
    });
  }

  createUser(input: { org: string; email: string; name: string; bot: boolean; admin: boolean }) {
    return this.users.transaction(async (em) => {
      await this.organisations.get(input.org);
      const user = await this.users.create(em, {
        organisationId: input.org,
        email: input.email,
        name: input.name,
        kind: input.bot ? 'bot' : 'user',
        role: input.admin ? 'admin' : 'member',
      });
      return {
        organisationID: user.organisationId,
        userID: user.id,
        handle: user.handle,
        kind: user.kind,
        role: user.role,
        ...(await this.issueToken(em, user.id, 'created by admin CLI')),
      };
    });
  }

  createToken(input: { user: string; label?: string }) {
    return this.users.transaction(async (em) => {
      const user = await this.userRepository.findById(input.user, em);
      if (!user) throw new DomainError(ErrorCode.UserNotFound, `User ${input.user} not found`);
      return { userID: user.id, ...(await this.issueToken(em, user.id, input.label ?? 'created by admin CLI')) };
    });
  }

  /** A new token of the user, as the CLI prints it (the token itself is shown this once). */
  private async issueToken(em: EntityManager, userId: string, label: string) {
    const { tokenId, token } = await this.tokens.issue(em, userId, label);
    return { tokenID: tokenId, token };
  }
}
