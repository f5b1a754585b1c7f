// Server-Sent Events over fetch: EventSource cannot send the API key header, so the dashboard reads the stream
// itself. The parser follows the WHATWG "event stream interpretation" rules; the reader resumes with Last-Event-ID.

export interface SseEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  data: string;
  /** The last `id:` seen so far in the stream (it carries over to later events, as in EventSource). */
  id: string | null;
}

/**
 * An incremental parser: feed it text chunks as they arrive (split anywhere, even inside a line or a CRLF), it
 * returns the events completed by each chunk. Comment lines (`:heartbeat`) are ignored; `retry:` is remembered.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventName = '';
  private sawCarriageReturn = false;
  lastEventId: string | null = null;
  retryMillis: number | null = null;

  feed(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    let text = chunk;
    if (this.sawCarriageReturn && text.startsWith('\n')) {
      text = text.slice(1); // the \n of a \r\n split across chunks
    }
    this.sawCarriageReturn = false;
    this.buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      if (match[0] === '\r' && match.index === this.buffer.length - 1) {
        // a lone \r at the end: the line is complete, but a \n may follow in the next chunk
        this.sawCarriageReturn = true;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.eventName = '';
        return null;
      }
      const event = { event: this.eventName || 'message', data: this.data.join('\n'), id: this.lastEventId };
      this.data = [];
      this.eventName = '';
      return event;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventName = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMillis = Number(value);
        break;
    }
    return null;
  }
}

export interface StreamOptions {
  url: string;
  headers: () => Record<string, string>;
  onEvent: (event: SseEvent) => void;
  /** Called each time the stream is (re)connected. */
  onOpen?: () => void;
  /** Called when the server ended the stream on purpose (the job finished) or refused it for good. */
  onEnd?: (reason: string) => void;
  /** Called on each connection problem before a retry. */
  onError?: (message: string) => void;
  fetch?: typeof fetch;
  /** Events that mean the stream is over (the job reached a final status). */
  isFinal?: (event: SseEvent) => boolean;
}

/**
 * Reads an event stream until {@link StreamOptions.isFinal} says so, the server refuses it (4xx) or it is stopped;
 * reconnects after a dropped connection or a 503/429 with `Last-Event-ID`, waiting the server's `retry:` (3 s
 * default). Returns a function that stops it.
 */
export function openEventStream(options: StreamOptions): () => void {
  const controller = new AbortController();
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  let lastEventId: string | null = null;
  let retry = 3000;
  let stopped = false;

  const run = async () => {
    while (!stopped) {
      let ended = false;
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers() };
        if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
        const response = await doFetch(options.url, { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok || !response.body) {
          if (response.status >= 400 && response.status < 500 && response.status !== 429) {
            options.onEnd?.(`the stream was refused (${response.status})`);
            return;
          }
          throw new Error(`the stream answered ${response.status}`);
        }
        options.onOpen?.();
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.feed(value)) {
            lastEventId = event.id ?? lastEventId;
            options.onEvent(event);
            if (options.isFinal?.(event)) ended = true;
          }
          if (parser.retryMillis !== null) retry = parser.retryMillis;
        }
        if (ended) {
          options.onEnd?.('finished');
          return;
        }
      } catch (error) {
        if (stopped) return;
        options.onError?.(error instanceof Error ? error.message : String(error));
      }
      if (ended || stopped) return;
      await new Promise((resolve) => setTimeout(resolve, retry));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
