// Live updates of one job over its event stream (the API's /events, read with the fetch-based SSE reader).
import { authHeaders, eventsUrl } from '../api/client';
import { openEventStream, type SseEvent } from '../api/sse';
import { finished, type JobStatus } from '../api/types';

export interface JobListener {
  onEvent: (name: string, data: Record<string, unknown>) => void;
  onEnd?: (reason: string) => void;
  onError?: (message: string) => void;
}

function isFinal(event: SseEvent): boolean {
  try {
    const data = JSON.parse(event.data) as { status?: JobStatus; to?: JobStatus };
    if (event.event === 'status') return !!data.to && finished(data.to);
    if (event.event === 'job') return !!data.status && finished(data.status);
  } catch {
    // not JSON: not a final status
  }
  return false;
}

/** Follows a job until its final status; returns the function that stops following. */
export function followJob(id: string, listener: JobListener): () => void {
  return openEventStream({
    url: eventsUrl(id),
    headers: authHeaders,
    isFinal,
    onEvent: (event) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(event.data) as Record<string, unknown>;
      } catch {
        return;
      }
      listener.onEvent(event.event, data);
    },
    onEnd: listener.onEnd,
    onError: listener.onError,
  });
}

/** Calls `action` at most once per `millis`, trailing: for refetches triggered by bursts of points. */
export function throttled(action: () => void, millis: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      action();
    }, millis);
  };
}
