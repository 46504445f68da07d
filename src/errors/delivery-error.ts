/**
 * A chat platform refused or failed a post. Gateways throw it so that the delivery queue can decide:
 * wait `retryAfterMs` (429), retry with back-off (5xx, network), or give up and report (`permanent`:
 * channel gone, bot removed, token revoked).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { permanent: boolean; retryAfterMs?: number; code?: string },
  ) {
    super(message);
    this.name = 'DeliveryError';
  }

  get permanent(): boolean {
    return this.options.permanent;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }

  get code(): string | undefined {
    return this.options.code;
  }
}
