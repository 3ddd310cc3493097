export * from './validators';
export * from './channel.dto';
export * from './message.dto';
export * from './permission.dto';
