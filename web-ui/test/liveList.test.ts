import { describe, expect, it } from 'vitest';
import type { JobView } from '../src/api/types';
import { applyEvent, fromPage, matches, positionOf, type ListFilter, type StreamEvent } from '../src/views/liveList';

function job(id: string, fields: Partial<JobView> = {}): JobView {
  return {
    id, kind: 'Train', status: 'QUEUED', specHash: 'h', name: `job-${id}`, labels: {}, attempt: 1, maxAttempts: 3,
    runs: 0, reused: false, cancelRequested: false, createdAt: '2026-11-22T08:00:00Z', updatedAt: '2026-11-22T08:00:00Z',
    links: {}, ...fields,
  };
}

function submitted(summary: JobView, position: number): StreamEvent {
  return { name: 'status', id: `900-${position}`, data: { jobId: summary.id, to: 'QUEUED', attempt: 1, reason: 'submitted', at: '…', job: summary } };
}

function status(id: string, from: string, to: string, position: number): StreamEvent {
  return { name: 'status', id: `901-${position}`, data: { jobId: id, from, to, attempt: 1, reason: 'r', at: '…' } };
}

function progress(id: string, percent: number, position: number): StreamEvent {
  return { name: 'progress', id: `902-${position}`, data: { jobId: id, percent, phase: 'epoch 1/3', attempt: 1 } };
}

const any: ListFilter = {};

describe('applyEvent', () => {
  it('adds a new job at the top, from the summary its first status change carries', () => {
    const state = fromPage([job('b'), job('a')]);
    const { state: next, change } = applyEvent(state, submitted(job('c', { labels: { grid: '1' } }), 10), any, 100);
    expect(change).toEqual({ kind: 'added', id: 'c', removed: [] });
    expect(next.order).toEqual(['c', 'b', 'a']);
    expect(next.jobs.get('c')?.labels).toEqual({ grid: '1' });
    expect(state.order).toEqual(['b', 'a']);
  });

  it('adds a new job only when it passes the active filters', () => {
    const state = fromPage([]);
    const train = job('t', { kind: 'Train', labels: { grid: 'a' }, name: 'PGD sweep' });
    const cases: [ListFilter, boolean][] = [
      [{ kind: 'Train' }, true],
      [{ kind: 'Evaluate' }, false],
      [{ label: 'grid=a' }, true],
      [{ label: 'grid=b' }, false],
      [{ label: 'grid' }, false],
      [{ status: 'QUEUED' }, true],
      [{ status: 'RUNNING' }, false],
      [{ text: 'pgd' }, true],
      [{ text: 'fgsm' }, false],
      [{ kind: 'Train', label: 'grid=a', text: 'sweep' }, true],
    ];
    for (const [filter, added] of cases) {
      const { change } = applyEvent(state, submitted(train, 5), filter, 100);
      expect(change.kind, JSON.stringify(filter)).toBe(added ? 'added' : 'none');
    }
  });

  it('drops the oldest rows beyond the page size', () => {
    const state = fromPage([job('b'), job('a')]);
    const { state: next, change } = applyEvent(state, submitted(job('c'), 3), any, 2);
    expect(next.order).toEqual(['c', 'b']);
    expect(next.jobs.has('a')).toBe(false);
    expect(change).toEqual({ kind: 'added', id: 'c', removed: ['a'] });
  });

  it('updates the status and the progress of a job on the list', () => {
    let state = fromPage([job('a'), job('b')]);
    let result = applyEvent(state, status('a', 'QUEUED', 'RUNNING', 11), any, 100);
    expect(result.change).toEqual({ kind: 'updated', id: 'a', statusChanged: true });
    state = result.state;
    result = applyEvent(state, progress('a', 40, 12), any, 100);
    expect(result.change).toEqual({ kind: 'updated', id: 'a', statusChanged: false });
    state = result.state;
    expect(state.jobs.get('a')?.status).toBe('RUNNING');
    expect(state.jobs.get('a')?.progress).toEqual({ percent: 40, phase: 'epoch 1/3' });
    expect(state.jobs.get('b')?.status).toBe('QUEUED');
    state = applyEvent(state, status('a', 'RUNNING', 'SUCCEEDED', 13), any, 100).state;
    expect(state.jobs.get('a')?.status).toBe('SUCCEEDED');
  });

  it('keeps a job on the list when a change makes it leave the status filter', () => {
    const state = fromPage([job('a', { status: 'RUNNING' })]);
    const { state: next } = applyEvent(state, status('a', 'RUNNING', 'FAILED', 20), { status: 'RUNNING' }, 100);
    expect(next.order).toEqual(['a']);
    expect(next.jobs.get('a')?.status).toBe('FAILED');
  });

  it('ignores an event no newer than the last one applied to its job', () => {
    let state = fromPage([job('a')]);
    state = applyEvent(state, status('a', 'RUNNING', 'SUCCEEDED', 30), any, 100).state;
    for (const stale of [status('a', 'QUEUED', 'RUNNING', 29), progress('a', 90, 30)]) {
      const { state: next, change } = applyEvent(state, stale, any, 100);
      expect(change.kind).toBe('none');
      expect(next.jobs.get('a')?.status).toBe('SUCCEEDED');
    }
    expect(applyEvent(state, progress('a', 99, 31), any, 100).change.kind).toBe('updated');
  });

  it('ignores jobs not on the list, events without a job and other event names', () => {
    const state = fromPage([job('a')]);
    expect(applyEvent(state, status('x', 'QUEUED', 'RUNNING', 40), any, 100).change.kind).toBe('none');
    expect(applyEvent(state, progress('x', 10, 41), any, 100).change.kind).toBe('none');
    expect(applyEvent(state, { name: 'ready', id: '900-0', data: {} }, any, 100).change.kind).toBe('none');
    expect(applyEvent(state, { name: 'curve-point', id: '900-42', data: { jobId: 'a' } }, any, 100).change.kind).toBe('none');
  });

  it('a page read keeps the positions of the jobs still on it', () => {
    let state = fromPage([job('a'), job('b')]);
    state = applyEvent(state, status('a', 'QUEUED', 'RUNNING', 50), any, 100).state;
    const reread = fromPage([job('a', { status: 'RUNNING' })], state.positions);
    expect(applyEvent(reread, status('a', 'QUEUED', 'RUNNING', 50), any, 100).change.kind).toBe('none');
    expect(reread.positions.has('b')).toBe(false);
  });
});

describe('matches and positionOf', () => {
  it('reads the text filter as the list endpoint: part of the name, any case, or the start of the id', () => {
    const j = job('3f2a9c00-0000-0000-0000-000000000000', { name: 'Madry PGD' });
    expect(matches(j, { text: 'pgd' })).toBe(true);
    expect(matches(j, { text: '3F2A' })).toBe(true);
    expect(matches(j, { text: '2a9c' })).toBe(false);
  });

  it('reads the job position from a project stream id', () => {
    expect(positionOf('918301-4411')).toBe(4411);
    expect(positionOf('4411')).toBeNull();
    expect(positionOf(null)).toBeNull();
  });
});
