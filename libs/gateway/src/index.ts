export * from './gateway.config';
export * from './api-gateway.module';
export * from './http/body-parsers';
export * from './openapi/openapi';
export * from './http/edge-input';
export * from './http/edge-rate-limits';
export { HotPostRoute } from './http/hot-post-route';
export { framingErrorBody } from './http/edge-error';
