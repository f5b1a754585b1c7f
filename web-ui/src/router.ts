// Hash routes (#/jobs/…): a reload asks the server only for /, so every view survives it without server fallbacks.

export interface Route {
  /** Path segments after '#/': ['jobs', '<id>'] */
  path: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const path = (question < 0 ? text : text.slice(0, question)).split('/').filter((s) => s !== '').map(decodeURIComponent);
  return { path, query: new URLSearchParams(question < 0 ? '' : text.slice(question + 1)) };
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

/**
 * Where a first visit without an API key goes: the jobs when the API answers without a key (authentication off,
 * as in standalone mode), the key page when it refuses or cannot be reached.
 */
export async function firstVisitRoute(askWithoutKey: () => Promise<unknown>): Promise<string> {
  try {
    await askWithoutKey();
    return '#/jobs';
  } catch {
    return '#/key';
  }
}
