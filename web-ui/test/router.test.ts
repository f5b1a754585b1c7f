import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/problems';
import { firstVisitRoute, parseRoute } from '../src/router';

describe('firstVisitRoute', () => {
  it('opens the jobs when the API answers without a key (authentication off)', async () => {
    expect(await firstVisitRoute(async () => ({ jobs: [] }))).toBe('#/jobs');
  });

  it('opens the key page when the API refuses without a key', async () => {
    expect(await firstVisitRoute(async () => {
      throw new ApiError(401, { title: 'Authentication required' });
    })).toBe('#/key');
  });

  it('opens the key page when the API cannot be reached', async () => {
    expect(await firstVisitRoute(async () => {
      throw new ApiError(0, { detail: 'The API cannot be reached.' });
    })).toBe('#/key');
  });
});

describe('parseRoute', () => {
  it('splits the path and the query of a hash route', () => {
    const route = parseRoute('#/jobs/abc%20d?kind=Train');
    expect(route.path).toEqual(['jobs', 'abc d']);
    expect(route.query.get('kind')).toBe('Train');
  });
});
