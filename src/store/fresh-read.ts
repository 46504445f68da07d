/**
 * A read that callers asking at about the same moment share, without any of them getting a value read
 * before it asked. The first caller starts a read; callers that ask while it is in flight wait for the
 * next read, started when that one ends, and share it. Every answer therefore comes from a read sent
 * after its caller asked: nothing is kept between reads, so nothing can go stale, and a burst of callers
 * costs two reads, not one each.
 */
export class FreshRead<T> {
  private inFlight?: Promise<T>;
  private next?: Promise<T>;

  constructor(private readonly read: () => Promise<T>) {}

  /** A value read after this call. */
  get(): Promise<T> {
    const current = this.inFlight;
    if (!current) return this.start();
    this.next ??= current.then(ignore, ignore).then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<T> {
    const read = this.read();
    this.inFlight = read;
    const done = () => {
      if (this.inFlight === read) this.inFlight = undefined;
    };
    read.then(done, done);
    return read;
  }
}

function ignore(): void {}
