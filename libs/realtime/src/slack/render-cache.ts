import type { AnyDomainEvent } from '@switchboard/contracts';
import { type SlackVariant, renderSlackEvent } from './slack-event-serializer';

/** Each variant of one event is serialised once, however many sockets get it. */
export class RenderCache {
  private readonly rendered = new Map<SlackVariant, string>();

  constructor(readonly event: AnyDomainEvent) {}

  json(variant: SlackVariant): string {
    let json = this.rendered.get(variant);
    if (json === undefined)
      this.rendered.set(
        variant,
        (json = JSON.stringify({ ...renderSlackEvent(this.event, variant), sb_event_id: this.event.eventId })),
      );
    return json;
  }
}
