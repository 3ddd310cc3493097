import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MessageView } from '@switchboard/contracts';
import type { MessageEntity } from '@switchboard/db';
import { toMessageView } from '../views/view-mappers';
import { AnnotationRepository } from './annotation.repository';

/** Turns message rows into views with their reactions, pin and (for the viewer) bookmark. */
@Injectable()
export class MessageAnnotator {
  constructor(private readonly annotations: AnnotationRepository) {}

  async views(messages: MessageEntity[], viewerId: string | null, em?: EntityManager): Promise<MessageView[]> {
    const loaded = await this.annotations.load(
      messages.map((message) => message.id),
      viewerId,
      em,
    );
    return messages.map((message) => toMessageView(message, loaded.get(message.id)));
  }

  async view(message: MessageEntity, viewerId: string | null, em?: EntityManager): Promise<MessageView> {
    const [view] = await this.views([message], viewerId, em);
    return view;
  }
}
