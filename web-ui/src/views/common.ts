import type { JobView, Progress } from '../api/types';
import { duration, h } from '../dom';

export function jobTitle(job: Pick<JobView, 'name' | 'id'>): string {
  return job.name?.trim() || job.id.slice(0, 8);
}

/** A progress bar with its percentage, phase and ETA; nothing for a job that has not reported progress. */
export function progressBar(progress: Progress | undefined, status: string): HTMLElement | null {
  if (status !== 'RUNNING' || !progress || progress.percent === undefined) return null;
  const percent = Math.max(0, Math.min(100, progress.percent));
  const eta = progress.etaSeconds !== undefined ? ` · ETA ${duration(progress.etaSeconds)}` : '';
  return h(
    'div',
    { class: 'progress', title: `${progress.phase ?? ''} ${percent.toFixed(0)}%${eta}` },
    h('div', { class: 'progress-bar' }, h('div', { class: 'progress-fill', style: `width:${percent}%` })),
    h('span', { class: 'progress-text' }, `${percent.toFixed(0)}%${progress.phase ? ` ${progress.phase}` : ''}${eta}`),
  );
}

export function labelChips(labels: Record<string, string> | undefined): HTMLElement[] {
  return Object.entries(labels ?? {}).map(([k, v]) => h('span', { class: 'chip' }, `${k}=${v}`));
}

/** A new Idempotency-Key (crypto.randomUUID needs a secure context; a plain-HTTP LAN address is not one). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
