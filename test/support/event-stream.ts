/** One server-sent event as a client sees it. */
export interface StreamEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * A reader of a `text/event-stream` answer over fetch, as a browser's EventSource reads it (the
 * fields `event`, `id`, `data`; comment lines skipped), for tests that need the events in order.
 */
export class EventStream {
  private readonly events: StreamEvent[] = [];
  private waiting?: () => void;
  private ended = false;

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly abort: AbortController,
    body: ReadableStream<Uint8Array> | null,
  ) {
    if (body) void this.read(body);
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal, redirect: 'manual' });
    return new EventStream(res.status, res.headers, abort, res.body);
  }

  /** The first event not taken yet that matches, waiting for it at most `timeoutMs`. */
  async next(matches: (e: StreamEvent) => boolean = () => true, timeoutMs = 15_000): Promise<StreamEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.events.findIndex(matches);
      if (i >= 0) return this.events.splice(0, i + 1)[i];
      if (this.ended) throw new Error('the stream ended');
      if (Date.now() > until) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  /** Whether the server has ended the stream (after the events already read). */
  get done(): boolean {
    return this.ended;
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') data.push(value);
          }
          if (data.length) this.events.push({ ...event, data: data.join('\n') });
          this.waiting?.();
        }
      }
    } catch {
      // Aborted by close(), or the connection broke: the stream is over either way.
    }
    this.ended = true;
    this.waiting?.();
  }
}
