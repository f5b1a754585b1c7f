// The jobs list: filters, a row per job updated live over the event streams of the jobs still queued or running.
import { api, type JobFilter } from '../api/client';
import { finished, JOB_STATUSES, type JobView } from '../api/types';
import { duration, emptyState, errorBox, h, statusBadge, time } from '../dom';
import { navigate, type Route } from '../router';
import { jobTitle, labelChips, progressBar } from './common';
import { followJob } from './live';

/**
 * Browsers open at most six HTTP/1.1 connections to one server, and each event stream holds one: the list follows
 * at most this many active jobs live and refreshes the rest (and finds new jobs) by reading the list again.
 */
const MAX_STREAMS = 3;
const REFRESH_MILLIS = 10_000;

export function jobsView(root: HTMLElement, route: Route): () => void {
  const filter: JobFilter = {
    kind: route.query.get('kind') ?? '',
    status: route.query.get('status') ?? '',
    label: route.query.get('label') ?? '',
    text: route.query.get('text') ?? '',
    limit: 100,
  };
  const selected = new Set<string>();
  const jobs = new Map<string, JobView>();
  const rows = new Map<string, HTMLTableRowElement>();
  const streams = new Map<string, () => void>();
  let order: string[] = [];
  let stopped = false;

  const compareButton = h('button', { type: 'button', class: 'primary', disabled: true, onclick: () => navigate(`#/compare?ids=${[...selected].join(',')}`) }, 'Compare selected');
  const status = h('div', { class: 'list-status' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'jobs' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'job'), h('th', {}, 'kind'), h('th', {}, 'status'), h('th', {}, 'progress'), h('th', {}, 'attempt'), h('th', {}, 'duration'), h('th', {}, 'created'))),
    body,
  );
  const content = h('div', {});

  const input = (name: keyof JobFilter, placeholder: string) =>
    h('input', {
      type: 'search',
      name,
      placeholder,
      value: String(filter[name] ?? ''),
      oninput: debounce((e: Event) => {
        filter[name] = (e.target as HTMLInputElement).value.trim() as never;
        void load();
      }, 300),
    });
  const select = (name: 'kind' | 'status', values: string[]) =>
    h(
      'select',
      { name, onchange: (e: Event) => ((filter[name] = (e.target as HTMLSelectElement).value), void load()) },
      h('option', { value: '' }, `any ${name}`),
      values.map((v) => h('option', { value: v, selected: filter[name] === v }, v)),
    );

  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Jobs'), h('div', { class: 'actions' }, compareButton, h('a', { class: 'button', href: '#/submit' }, 'Submit a job'))),
    h('div', { class: 'filters' }, select('kind', ['Train', 'Evaluate']), select('status', JOB_STATUSES), input('label', 'label key=value'), input('text', 'name or id'), status),
    content,
  );

  function updateCompare() {
    compareButton.disabled = selected.size < 2;
    compareButton.textContent = selected.size ? `Compare selected (${selected.size})` : 'Compare selected';
  }

  function row(job: JobView, updatedBy: string): HTMLTableRowElement {
    const checkbox = h('input', { type: 'checkbox', 'aria-label': `select ${jobTitle(job)}`, checked: selected.has(job.id) });
    checkbox.addEventListener('change', () => {
      if (checkbox.checked) selected.add(job.id);
      else selected.delete(job.id);
      updateCompare();
    });
    const reason = job.status === 'FAILED' && job.failureReason ? h('div', { class: 'reason', title: job.failureReason }, shortReason(job.failureReason))
      : job.waitsFor && job.status === 'QUEUED' ? h('div', { class: 'hint' }, `waits for Train job ${job.waitsFor.slice(0, 8)}`)
      : job.cancelRequested && !finished(job.status) ? h('div', { class: 'hint' }, 'cancel requested') : null;
    return h(
      'tr',
      { 'data-job-id': job.id, 'data-status': job.status, 'data-updated-by': updatedBy },
      h('td', {}, checkbox),
      h('td', { class: 'name' }, h('a', { href: `#/jobs/${job.id}` }, jobTitle(job)), h('div', { class: 'sub' }, h('code', {}, job.id.slice(0, 8)), ...labelChips(job.labels)), reason),
      h('td', {}, job.kind),
      h('td', {}, statusBadge(job.status)),
      h('td', { class: 'progress-cell' }, progressBar(job.progress, job.status) ?? ''),
      h('td', {}, `${job.attempt}/${job.maxAttempts}`),
      h('td', {}, duration(job.durationSeconds)),
      h('td', {}, time(job.createdAt)),
    );
  }

  function put(job: JobView, updatedBy: string) {
    jobs.set(job.id, job);
    const fresh = row(job, updatedBy);
    const old = rows.get(job.id);
    if (old) old.replaceWith(fresh);
    rows.set(job.id, fresh);
  }

  function follow() {
    for (const [id, stop] of streams) {
      const job = jobs.get(id);
      if (!job || finished(job.status)) {
        stop();
        streams.delete(id);
      }
    }
    const active = order.filter((id) => !finished(jobs.get(id)!.status));
    for (const id of active) {
      if (streams.size >= MAX_STREAMS) break;
      if (streams.has(id)) continue;
      streams.set(id, followJob(id, {
        onEvent: (name, data) => {
          const job = jobs.get(id);
          if (!job || stopped) return;
          if (name === 'job') put({ ...job, ...(data as Partial<JobView>) }, 'sse');
          else if (name === 'progress') put({ ...job, progress: { ...job.progress, ...(data as object) } }, 'sse');
          else if (name === 'status') {
            // The status event is enough to show the change at once; the job's other fields (reason, times) follow.
            put({ ...job, status: data.to as JobView['status'] }, 'sse');
            void api.job(id).then((fresh) => !stopped && put({ ...fresh, status: jobs.get(id)?.status ?? fresh.status }, 'sse')).catch(() => {});
          }
        },
        onEnd: () => {
          streams.delete(id);
          if (!stopped) follow();
        },
      }));
    }
    status.textContent = active.length
      ? `${Math.min(active.length, MAX_STREAMS)} live${active.length > MAX_STREAMS ? `, ${active.length - MAX_STREAMS} refreshed every ${REFRESH_MILLIS / 1000} s` : ''}`
      : '';
  }

  let loading = 0;
  async function load() {
    const ticket = ++loading;
    let page;
    try {
      page = await api.jobs(filter);
    } catch (error) {
      if (ticket !== loading || stopped) return;
      content.replaceChildren(errorBox(error));
      return;
    }
    if (ticket !== loading || stopped) return;
    const visible = new Set(page.jobs.map((j) => j.id));
    for (const id of [...rows.keys()]) if (!visible.has(id)) (rows.delete(id), jobs.delete(id));
    for (const job of page.jobs) {
      const known = jobs.get(job.id);
      // A live row is not put back to an older state by a list read that raced with its stream.
      if (known && streams.has(job.id) && JOB_STATUSES.indexOf(known.status) > JOB_STATUSES.indexOf(job.status)) continue;
      put(job, 'list');
    }
    order = page.jobs.map((j) => j.id);
    body.replaceChildren(...order.map((id) => rows.get(id)!));
    if (page.jobs.length === 0) {
      const filtered = filter.kind || filter.status || filter.label || filter.text;
      content.replaceChildren(filtered ? emptyState('No job matches these filters.') : emptyState('No jobs yet.', h('a', { href: '#/submit' }, 'Submit the first one')));
    } else if (!content.contains(table)) {
      content.replaceChildren(table);
    }
    follow();
  }

  void load();
  const refresh = setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MILLIS);
  return () => {
    stopped = true;
    clearInterval(refresh);
    for (const stop of streams.values()) stop();
  };
}

/** The first line of a failure reason, cut at 160 characters: the whole of it is on the job's page (and the title). */
function shortReason(reason: string): string {
  const line = reason.split('\n')[0];
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function debounce<T extends unknown[]>(action: (...args: T) => void, millis: number): (...args: T) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: T) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), millis);
  };
}
