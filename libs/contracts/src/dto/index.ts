export * from './validators';
export * from './channel.dto';
export * from './message.dto';
export * from './webhook.dto';
export * from './state.dto';
export * from './search.dto';
export * from './permission.dto';
export * from './message-flags.dto';
