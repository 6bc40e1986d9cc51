/**
 * Counts failed logins per (address, username) and per address in a sliding window. In memory:
 * one node's view; with several nodes each limits on its own, which still bounds guessing.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when a try is allowed. */
  retryAfterSeconds(address: string, username: string): number {
    const keys = [this.pairKey(address, username), this.addressKey(address)];
    const limits = [this.maxFailures, this.maxFailures * 5];
    let wait = 0;
    keys.forEach((key, index) => {
      const recent = this.recent(key);
      if (recent.length >= limits[index]!)
        wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
    });
    return wait;
  }

  recordFailure(address: string, username: string): void {
    for (const key of [this.pairKey(address, username), this.addressKey(address)]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(this.pairKey(address, username));
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > cutoff);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }

  private pairKey(address: string, username: string): string {
    return `${address}\u0000${username.toLowerCase()}`;
  }

  private addressKey(address: string): string {
    return `${address}\u0000*`;
  }
}
