/**
 * Whether messaging-service can record outcomes. The dispatcher sends nothing it could not record:
 * a POST whose outcome is lost is sent again later. While it is believed down (a batch failed, or
 * the first probe did), callers learn it without a request, and at most one probe per `retryMs`
 * checks whether it is back; a batch that succeeds marks it up.
 */
export class MessagingAvailability {
  private up = false;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private probing: Promise<boolean> | null = null;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly retryMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async isUp(): Promise<boolean> {
    if (this.up) return true;
    if (this.probing) return this.probing;
    if (this.now() - this.checkedAt < this.retryMs) return false;
    this.probing = this.probe().then(
      () => (this.up = true),
      () => false,
    );
    try {
      return await this.probing;
    } finally {
      this.checkedAt = this.now();
      this.probing = null;
    }
  }

  markUp(): void {
    this.up = true;
  }

  markDown(): void {
    this.up = false;
    this.checkedAt = this.now();
  }
}
