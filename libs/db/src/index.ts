export * from './entities/organisation.entity';
export * from './entities/user.entity';
export * from './entities/api-token.entity';
export * from './entities/channel.entity';
export * from './entities/channel-member.entity';
export * from './entities/message.entity';
export * from './entities/outbox-event.entity';
export * from './data-source';
