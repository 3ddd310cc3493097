export * from './messaging.config';
export * from './messaging-domain.module';
export * from './messaging-service.module';
export { HotPostRoute } from './messages/hot-post-route';
export { MessagePostBatcher } from './messages/message-post.batcher';
export * from './admin/admin.service';
export * from './apps/slack-app.service';
