/**
 * Bounds how many socket sessions a replica sets up at once (resume point, conversations from
 * messaging-service, subscriptions, replay). In a reconnect storm the sockets beyond it wait,
 * open and with their ticket already redeemed, instead of piling requests onto messaging-service
 * until they time out and the clients start over.
 */
export class SetupGate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async enter(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
