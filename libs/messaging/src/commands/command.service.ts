import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type CommandResult,
  type CommandView,
  DomainError,
  ErrorCode,
  type ExecCommandDto,
  type RegisterCommandDto,
  channelResource,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelService } from '../channels/channel.service';
import { MemberService } from '../members/member.service';
import { MessageService } from '../messages/message.service';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { PermissionService } from '../permissions/permission.service';
import { UserRepository } from '../users/user.repository';
import { toChannelView } from '../views/view-mappers';
import { BUILTIN_COMMANDS, inviteTargets, isBuiltin, meText, shrugText } from './builtin-commands';

interface BotCommandRow {
  name: string;
  description: string;
  bot_user_id: string;
}

/**
 * Slash commands. Built-ins run here through the same services (and so the same authorisation) as
 * the REST endpoints they stand for. Bots register their own with POST /commands/; running one
 * emits `command.invoked` to the bot's user audience (event log, queues) and nothing else.
 */
@Injectable()
export class CommandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly permissions: PermissionService,
    private readonly messages: MessageService,
    private readonly channels: ChannelService,
    private readonly members: MemberService,
    private readonly users: UserRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(actor: UserEntity): Promise<CommandView[]> {
    const rows = (await this.db.query(
      `SELECT name, description, bot_user_id::text FROM bot_commands WHERE organisation_id = $1 ORDER BY name`,
      [actor.organisationId],
    )) as BotCommandRow[];
    return [
      ...BUILTIN_COMMANDS,
      ...rows.map((row) => ({
        name: row.name,
        description: row.description,
        builtin: false,
        botUserId: row.bot_user_id,
      })),
    ];
  }

  async register(actor: UserEntity, input: RegisterCommandDto): Promise<CommandView> {
    if (actor.kind !== 'bot') throw new DomainError(ErrorCode.Forbidden, 'Only bot users register commands');
    await this.permissions.assert(actor, 'command.register');
    if (isBuiltin(input.name)) throw new DomainError(ErrorCode.NameTaken, `/${input.name} is a built-in command`);
    const description = (input.description ?? '').trim();
    return this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO bot_commands (organisation_id, name, description, bot_user_id) VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, name) DO NOTHING RETURNING name`,
        [actor.organisationId, input.name, description, actor.id],
      )) as unknown[];
      if (inserted.length === 0) throw new DomainError(ErrorCode.NameTaken, `/${input.name} is already registered`);
      await this.outbox.append(em, actor.organisationId, [
        pendingEvent(
          'command.registered',
          actor.id,
          { organisation: true },
          { name: input.name, description, botUserId: actor.id },
        ),
      ]);
      return { name: input.name, description, builtin: false, botUserId: actor.id };
    });
  }

  async exec(actor: UserEntity, channelId: string, name: string, input: ExecCommandDto): Promise<CommandResult> {
    const command = name.toLowerCase().replace(/^\//, '');
    const text = input.input ?? '';
    const params = input.params ?? [];
    const { channel, perms } = await this.access.readable(actor, channelId);
    if (!perms.can('command.exec', channelResource(channel.id)))
      throw new DomainError(ErrorCode.Forbidden, 'Your role may not run commands in this channel');
    switch (command) {
      case 'me':
        if (!text.trim())
          throw new DomainError(ErrorCode.ValidationFailed, '/me needs some text', [
            { field: 'input', message: 'input is required' },
          ]);
        return { command, message: await this.messages.post(actor, channel.id, meText(actor.handle, text)) };
      case 'shrug':
        return { command, message: await this.messages.post(actor, channel.id, shrugText(text)) };
      case 'topic':
        return { command, channel: await this.channels.update(actor, channel.id, { topic: text }) };
      case 'invite':
        return {
          command,
          members: await this.members.invite(actor, channel.id, await this.resolveInvitees(actor, text, params)),
        };
      case 'leave':
        await this.members.remove(actor, channel.id, actor.id);
        return { command, left: true };
      default:
        return this.dispatchToBot(actor, channel.id, command, text, params);
    }
  }

  private async resolveInvitees(actor: UserEntity, text: string, params: string[]): Promise<string[]> {
    const { ids, handles } = inviteTargets(text, params);
    const found = handles.length ? await this.users.findByHandles(actor.organisationId, handles) : [];
    if (found.length !== handles.length) throw new DomainError(ErrorCode.UserNotFound, 'Unknown handles in /invite');
    const all = [...new Set([...ids, ...found.map((user) => user.id)])];
    if (all.length === 0)
      throw new DomainError(ErrorCode.ValidationFailed, '/invite needs users', [
        { field: 'params', message: 'user ids in params, or ids/@handles in input' },
      ]);
    return all;
  }

  private async dispatchToBot(
    actor: UserEntity,
    channelId: string,
    command: string,
    input: string,
    params: string[],
  ): Promise<CommandResult> {
    return this.db.transaction(async (em) => {
      const rows = (await em.query(
        `SELECT bot_user_id::text FROM bot_commands WHERE organisation_id = $1 AND name = $2`,
        [actor.organisationId, command],
      )) as BotCommandRow[];
      if (rows.length === 0) throw new DomainError(ErrorCode.NotFound, `Unknown command /${command}`);
      const { channel } = await this.access.readable(actor, channelId, em);
      const botUserId = rows[0].bot_user_id;
      await this.outbox.append(em, actor.organisationId, [
        pendingEvent(
          'command.invoked',
          actor.id,
          { userIds: [botUserId] },
          { command, channel: toChannelView(channel), invokerId: actor.id, input, params },
        ),
      ]);
      return { command, dispatchedTo: botUserId };
    });
  }
}
