/**
 * Remembers SignatureNonce values per AccessKeyId. A nonce only needs remembering while a
 * request carrying it could still pass the ±window timestamp check, hence `retentionMs`.
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly retentionMs: number) {}

  /** Marks the nonce used; false when it was already used within the retention period. */
  use(accessKeyId: string, nonce: string, nowMs: number): boolean {
    this.forgetOlderThan(nowMs - this.retentionMs);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, nowMs);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.seen.clear();
  }

  private forgetOlderThan(limitMs: number): void {
    // Insertion order is time order unless the clock was moved back; stopping early is then merely lazy.
    for (const [key, time] of this.seen) {
      if (time >= limitMs) return;
      this.seen.delete(key);
    }
  }
}
