import { ApiError } from './problems';
import type {
  ArtifactList,
  JobPage,
  JobView,
  Problem,
  RobustnessResults,
  TrainingMetrics,
} from './types';

const KEY_STORAGE = 'robustlab.apiKey';

/** The API key, kept in this browser's localStorage; empty when none was entered (an API without auth needs none). */
export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key.trim()) localStorage.setItem(KEY_STORAGE, key.trim());
  else localStorage.removeItem(KEY_STORAGE);
}

export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers ?? {}) } });
  } catch (error) {
    throw new ApiError(0, { detail: `The API cannot be reached (${error instanceof Error ? error.message : error}).` });
  }
  if (!response.ok) {
    let problem: Problem = {};
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // not JSON: the status says it
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

export interface JobFilter {
  kind?: string;
  status?: string;
  label?: string;
  text?: string;
  limit?: number;
  cursor?: string;
}

export const api = {
  jobs(filter: JobFilter = {}): Promise<JobPage> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filter)) {
      if (value !== undefined && value !== '') query.set(name, String(value));
    }
    return json(`/api/v1/jobs?${query}`);
  },
  job(id: string): Promise<JobView> {
    return json(`/api/v1/jobs/${encodeURIComponent(id)}`);
  },
  metrics(id: string): Promise<TrainingMetrics> {
    return json(`/api/v1/jobs/${encodeURIComponent(id)}/metrics`);
  },
  curves(id: string): Promise<RobustnessResults> {
    return json(`/api/v1/jobs/${encodeURIComponent(id)}/curves`);
  },
  artifacts(id: string): Promise<ArtifactList> {
    return json(`/api/v1/jobs/${encodeURIComponent(id)}/artifacts`);
  },
  /** An artifact's bytes (the download needs the key header, so it cannot be a plain link). */
  async artifact(download: string): Promise<Blob> {
    return (await request(download)).blob();
  },
  submit(spec: unknown, idempotencyKey: string): Promise<JobView> {
    return json('/api/v1/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: typeof spec === 'string' ? spec : JSON.stringify(spec),
    });
  },
  cancel(id: string): Promise<JobView> {
    return json(`/api/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  },
};

export function eventsUrl(id: string): string {
  return `/api/v1/jobs/${encodeURIComponent(id)}/events`;
}

/** The project stream: every job's status changes and progress, one connection for a whole list. */
export function projectEventsUrl(): string {
  return '/api/v1/events';
}
