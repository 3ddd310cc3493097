export * from './validators';
export * from './channel.dto';
export * from './message.dto';
export * from './state.dto';
export * from './search.dto';
