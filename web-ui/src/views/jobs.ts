// The jobs list: filters, a row per job, kept live by the project's event stream (GET /api/v1/events): one
// connection for every row, whatever the number of running jobs; new jobs appear when they pass the filters.
import { api, authHeaders, projectEventsUrl, type JobFilter } from '../api/client';
import { openEventStream, type SseEvent } from '../api/sse';
import { finished, JOB_STATUSES, type JobView } from '../api/types';
import { duration, emptyState, errorBox, h, statusBadge, time } from '../dom';
import { navigate, type Route } from '../router';
import { jobTitle, labelChips, progressBar } from './common';
import { applyEvent, fromPage, type ListState, type StreamEvent } from './liveList';

/** Only when the API refuses the project stream (an older API): the list is read again this often instead. */
const FALLBACK_REFRESH_MILLIS = 10_000;
/** The list is read once the stream is open (so that nothing falls between the two); not later than this. */
const FIRST_READ_MILLIS = 1_500;

export function jobsView(root: HTMLElement, route: Route): () => void {
  const filter: JobFilter = {
    kind: route.query.get('kind') ?? '',
    status: route.query.get('status') ?? '',
    label: route.query.get('label') ?? '',
    text: route.query.get('text') ?? '',
    limit: 100,
  };
  const selected = new Set<string>();
  let state: ListState = fromPage([]);
  const rows = new Map<string, HTMLTableRowElement>();
  /** Events that arrive while the list is being read, applied after it. */
  let arrivedWhileReading: StreamEvent[] | null = null;
  let fallback: ReturnType<typeof setInterval> | undefined;
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
    const fresh = row(job, updatedBy);
    const old = rows.get(job.id);
    if (old) old.replaceWith(fresh);
    rows.set(job.id, fresh);
  }

  function render() {
    for (const id of [...rows.keys()]) if (!state.jobs.has(id)) rows.delete(id);
    body.replaceChildren(...state.order.map((id) => rows.get(id)!));
    if (state.order.length === 0) {
      const filtered = filter.kind || filter.status || filter.label || filter.text;
      content.replaceChildren(filtered ? emptyState('No job matches these filters.') : emptyState('No jobs yet.', h('a', { href: '#/submit' }, 'Submit the first one')));
    } else if (!content.contains(table)) {
      content.replaceChildren(table);
    }
  }

  function apply(event: StreamEvent) {
    const result = applyEvent(state, event, filter, filter.limit ?? 100);
    state = result.state;
    const change = result.change;
    if (change.kind === 'added') {
      put(state.jobs.get(change.id)!, 'sse');
      render();
    } else if (change.kind === 'updated') {
      put(state.jobs.get(change.id)!, 'sse');
      if (change.statusChanged) {
        // The status event is enough to show the change at once; the job's other fields (reason, times) follow.
        const id = change.id;
        void api.job(id).then((fresh) => {
          const current = state.jobs.get(id);
          if (stopped || !current) return;
          const merged = { ...fresh, status: current.status, progress: current.progress ?? fresh.progress };
          state = { ...state, jobs: new Map(state.jobs).set(id, merged) };
          put(merged, 'sse');
        }).catch(() => {});
      }
    }
  }

  function showLive(text: string, live: string) {
    status.textContent = text;
    status.dataset.live = live;
  }

  const stopStream = openEventStream({
    url: projectEventsUrl(),
    headers: authHeaders,
    onEvent: (raw: SseEvent) => {
      if (stopped) return;
      if (raw.event === 'ready') {
        void load();
        return;
      }
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(raw.data) as Record<string, unknown>;
      } catch {
        return;
      }
      const event = { name: raw.event, id: raw.id, data };
      if (arrivedWhileReading) arrivedWhileReading.push(event);
      else apply(event);
    },
    onOpen: () => !stopped && showLive('live', 'yes'),
    // It reconnects by itself and resumes after the last event: nothing is missed meanwhile.
    onError: () => !stopped && showLive('reconnecting…', 'reconnecting'),
    onEnd: (reason) => {
      if (stopped) return;
      showLive(`not live (${reason}): read again every ${FALLBACK_REFRESH_MILLIS / 1000} s`, 'no');
      fallback = setInterval(() => document.visibilityState === 'visible' && void load(), FALLBACK_REFRESH_MILLIS);
    },
  });

  let loading = 0;
  async function load() {
    const ticket = ++loading;
    arrivedWhileReading ??= [];
    let page;
    try {
      page = await api.jobs(filter);
    } catch (error) {
      if (ticket !== loading || stopped) return;
      arrivedWhileReading = null;
      content.replaceChildren(errorBox(error));
      return;
    }
    if (ticket !== loading || stopped) return;
    state = fromPage(page.jobs, state.positions);
    for (const job of page.jobs) put(job, 'list');
    render();
    // What changed while the list was read, in order: the list then shows the latest of everything.
    const arrived = arrivedWhileReading ?? [];
    arrivedWhileReading = null;
    for (const event of arrived) apply(event);
  }

  const firstRead = setTimeout(() => loading === 0 && void load(), FIRST_READ_MILLIS);
  return () => {
    stopped = true;
    clearTimeout(firstRead);
    clearInterval(fallback);
    stopStream();
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
