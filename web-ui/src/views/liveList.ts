// The jobs list's state, and what an event of the project stream (GET /api/v1/events) does to it: pure functions,
// so that the rules (which new job joins the list under the active filters, which event is stale) are tested alone.
import type { JobStatus, JobView, Progress } from '../api/types';

/** The list's filters, as the list endpoint reads them; '' or absent is "any". */
export interface ListFilter {
  kind?: string;
  status?: string;
  label?: string;
  text?: string;
}

/**
 * The rows, newest first, and for each job the stream position of the last change applied to it (the second part of
 * the event id `<transaction>-<position>`: a job's positions follow the order its changes were committed in).
 */
export interface ListState {
  order: string[];
  jobs: Map<string, JobView>;
  positions: Map<string, number>;
}

/** An event of the project stream, its data parsed. */
export interface StreamEvent {
  name: string;
  id: string | null;
  data: Record<string, unknown>;
}

export type ListChange =
  | { kind: 'none' }
  | { kind: 'added'; id: string; removed: string[] }
  | { kind: 'updated'; id: string; statusChanged: boolean };

/** The list as a page of the list endpoint shows it; positions already known for its jobs are kept. */
export function fromPage(jobs: JobView[], known?: Map<string, number>): ListState {
  const positions = new Map<string, number>();
  for (const job of jobs) {
    const position = known?.get(job.id);
    if (position !== undefined) positions.set(job.id, position);
  }
  return { order: jobs.map((j) => j.id), jobs: new Map(jobs.map((j) => [j.id, j])), positions };
}

/** Whether a job passes the filters, with the list endpoint's semantics. */
export function matches(job: JobView, filter: ListFilter): boolean {
  if (filter.kind && job.kind !== filter.kind) return false;
  if (filter.status && job.status !== filter.status) return false;
  if (filter.label) {
    const equals = filter.label.indexOf('=');
    if (equals <= 0) return false;
    if (job.labels?.[filter.label.slice(0, equals)] !== filter.label.slice(equals + 1)) return false;
  }
  if (filter.text) {
    const text = filter.text.toLowerCase();
    if (!(job.name ?? '').toLowerCase().includes(text) && !job.id.startsWith(text)) return false;
  }
  return true;
}

/** The job's stream position in an event id `<transaction>-<position>`; null when it has none. */
export function positionOf(id: string | null): number | null {
  const match = id ? /^\d+-(\d+)$/.exec(id) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Applies one event. A job's first status change (it carries `job`) adds the job at the top when it passes the
 * filters (the oldest rows beyond `limit` drop off); `status` and `progress` update a job on the list; an event no
 * newer than the last one applied to its job changes nothing. Events of jobs not on the list change nothing.
 */
export function applyEvent(state: ListState, event: StreamEvent, filter: ListFilter, limit: number): { state: ListState; change: ListChange } {
  const none = { state, change: { kind: 'none' } as ListChange };
  const id = typeof event.data.jobId === 'string' ? event.data.jobId : null;
  if (!id || (event.name !== 'status' && event.name !== 'progress')) return none;
  const position = positionOf(event.id);
  const last = state.positions.get(id);
  if (position !== null && last !== undefined && position <= last) return none;
  const positions = new Map(state.positions);
  if (position !== null) positions.set(id, position);

  const known = state.jobs.get(id);
  if (!known) {
    const summary = event.data.job as JobView | undefined;
    if (event.name !== 'status' || !summary || summary.id !== id || !matches(summary, filter)) return none;
    const order = [id, ...state.order];
    const jobs = new Map(state.jobs).set(id, summary);
    const removed = order.splice(limit);
    for (const gone of removed) (jobs.delete(gone), positions.delete(gone));
    return { state: { order, jobs, positions }, change: { kind: 'added', id, removed } };
  }

  let job: JobView;
  let statusChanged = false;
  if (event.name === 'status') {
    const to = event.data.to as JobStatus;
    statusChanged = to !== known.status;
    job = { ...known, status: to, attempt: typeof event.data.attempt === 'number' ? event.data.attempt : known.attempt };
  } else {
    const fields: Record<string, unknown> = { ...event.data };
    delete fields.jobId;
    delete fields.attempt;
    job = { ...known, progress: { ...known.progress, ...(fields as Progress) } };
  }
  return { state: { order: state.order, jobs: new Map(state.jobs).set(id, job), positions }, change: { kind: 'updated', id, statusChanged } };
}
