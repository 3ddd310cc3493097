export * from './gateway.config';
export * from './api-gateway.module';
export * from './http/body-parsers';
export * from './openapi/openapi';
export * from './http/edge-input';
export * from './http/edge-rate-limits';
export * from './http/gateway-mounts';
export { HotPostRoute } from './http/hot-post-route';
