/** Base of every error a user can cause; anything else is a bug and is logged, not explained. */
export abstract class TrackerError extends Error {
  /** The usage line of the subcommand involved, shown under the explanation. */
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = new.target.name;
    this.usage = usage;
  }
}
