import type { InvalidField, Problem } from './types';

/** An error answer of the API, with the problem it sent (or one made up from the status when it sent none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(describeProblem(status, problem));
  }
}

/** A sentence for people: the problem's detail, else its title, else the HTTP status. */
export function describeProblem(status: number, problem: Problem): string {
  if (status === 401) {
    return 'The API needs a valid API key: enter one under "API key".' + (problem.detail ? ` (${problem.detail})` : '');
  }
  return problem.detail ?? problem.title ?? `The API answered ${status}.`;
}

/**
 * Which form field each of a problem's `errors` belongs to. A field path from the API (`model.hidden[1]`,
 * `attacks[0].steps`, `epsilons[2].linspace.num`) goes to the form field whose path is its longest prefix at a
 * segment boundary (`model.hidden`, `attacks`, `epsilons`); errors no form field claims are returned under ''.
 */
export function errorsByField(errors: InvalidField[] | undefined, formFields: string[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const error of errors ?? []) {
    let best = '';
    for (const field of formFields) {
      if (isPathPrefix(field, error.field) && field.length > best.length) best = field;
    }
    const message = best === error.field ? error.message : `${error.field}: ${error.message}`;
    byField.set(best, [...(byField.get(best) ?? []), message]);
  }
  return byField;
}

function isPathPrefix(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}
