import { describe, expect, it } from 'vitest';
import { openEventStream, SseParser, type SseEvent } from '../src/api/sse';

describe('SseParser', () => {
  it('reads the API stream: named events with ids, retry, heartbeat comments', () => {
    const parser = new SseParser();
    const events = parser.feed(
      'event:job\nid:4181\nretry:3000\ndata:{"status":"RUNNING"}\n\n:heartbeat\n\nevent:status\nid:4193\ndata:{"to":"SUCCEEDED"}\n\n',
    );
    expect(events).toEqual([
      { event: 'job', id: '4181', data: '{"status":"RUNNING"}' },
      { event: 'status', id: '4193', data: '{"to":"SUCCEEDED"}' },
    ]);
    expect(parser.retryMillis).toBe(3000);
    expect(parser.lastEventId).toBe('4193');
  });

  it('assembles events split anywhere across chunks, including inside a CRLF', () => {
    const text = 'event: progress\r\nid: 7\r\ndata: {"percent":\r\ndata: 40}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut))];
      expect(events, `cut at ${cut}`).toEqual([{ event: 'progress', id: '7', data: '{"percent":\n40}' }]);
    }
  });

  it('defaults the name to message, keeps the last id, ignores unknown fields and dataless blocks', () => {
    const parser = new SseParser();
    expect(parser.feed('id:1\n\nfoo:bar\ndata\n\ndata:x\n\n')).toEqual([
      { event: 'message', id: '1', data: '' },
      { event: 'message', id: '1', data: 'x' },
    ]);
    expect(parser.feed('retry:soon\n\n')).toEqual([]);
    expect(parser.retryMillis).toBeNull();
  });
});

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('openEventStream', () => {
  it('reconnects after a dropped stream with Last-Event-ID and stops at the final status', async () => {
    const requests: Record<string, string>[] = [];
    const answers = [
      new Response(streamOf('retry:1\nevent:job\nid:5\ndata:{"status":"RUNNING"}\n\n', 'event:progress\nid:6\ndata:{}\n\n')),
      new Response(streamOf('event:status\nid:9\ndata:{"to":"SUCCEEDED"}\n\n')),
    ];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      requests.push(init.headers as Record<string, string>);
      return answers.shift()!;
    }) as unknown as typeof fetch;
    const seen: SseEvent[] = [];
    const ended = new Promise<string>((resolve) =>
      openEventStream({
        url: '/api/v1/jobs/x/events',
        headers: () => ({ Authorization: 'Bearer k' }),
        fetch: fakeFetch,
        onEvent: (e) => seen.push(e),
        onEnd: resolve,
        isFinal: (e) => e.event === 'status' && JSON.parse(e.data).to === 'SUCCEEDED',
      }),
    );
    expect(await ended).toBe('finished');
    expect(seen.map((e) => e.id)).toEqual(['5', '6', '9']);
    expect(requests[0]['Last-Event-ID']).toBeUndefined();
    expect(requests[0].Authorization).toBe('Bearer k');
    expect(requests[1]['Last-Event-ID']).toBe('6');
  });

  it('gives up on a 404 (no such job) without retrying', async () => {
    let calls = 0;
    const fakeFetch = (async () => {
      calls++;
      return new Response('{}', { status: 404 });
    }) as unknown as typeof fetch;
    const reason = await new Promise<string>((resolve) =>
      openEventStream({ url: '/x', headers: () => ({}), fetch: fakeFetch, onEvent: () => {}, onEnd: resolve }),
    );
    expect(reason).toContain('404');
    expect(calls).toBe(1);
  });
});
