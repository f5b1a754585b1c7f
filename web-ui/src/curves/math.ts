import type { Curve, CurvePoint } from '../api/types';

/** The points of a curve that have an accuracy, by increasing epsilon. */
function measured(points: CurvePoint[]): { epsilon: number; accuracy: number }[] {
  return points
    .filter((p): p is CurvePoint & { accuracy: number } => p.accuracy !== null && Number.isFinite(p.accuracy))
    .map((p) => ({ epsilon: p.epsilon, accuracy: p.accuracy }))
    .sort((a, b) => a.epsilon - b.epsilon);
}

/**
 * Robust accuracy at `epsilon`. Rules: a grid point gives its own value; between two measured grid points the value
 * is interpolated linearly in epsilon (the curve is only known at the grid; linear is the least assuming and is
 * what the chart draws); below the smallest or above the largest measured epsilon there is no value (null): the
 * dashboard never extrapolates. Points without an accuracy (null: no sample counted) are skipped.
 */
export function accuracyAt(points: CurvePoint[], epsilon: number): number | null {
  const known = measured(points);
  if (known.length === 0 || !Number.isFinite(epsilon)) return null;
  for (let i = 0; i < known.length; i++) {
    const right = known[i];
    if (right.epsilon === epsilon) return right.accuracy;
    if (right.epsilon > epsilon) {
      if (i === 0) return null;
      const left = known[i - 1];
      const t = (epsilon - left.epsilon) / (right.epsilon - left.epsilon);
      return left.accuracy + t * (right.accuracy - left.accuracy);
    }
  }
  return null;
}

/**
 * The normalised area under a robustness curve over [from, to]: the trapezoidal integral of accuracy over epsilon
 * (linear epsilon axis), divided by (to − from), so it is the mean robust accuracy over that budget range, in
 * [0, 1] — 1 for a model no attack breaks, the clean accuracy for a curve that stays flat. The ends are
 * interpolated as {@link accuracyAt} does. Null when the curve does not cover [from, to] or from ≥ to.
 * Default range: the curve's own measured range.
 */
export function areaUnderCurve(points: CurvePoint[], from?: number, to?: number): number | null {
  const known = measured(points);
  if (known.length < 2) return null;
  const start = from ?? known[0].epsilon;
  const end = to ?? known[known.length - 1].epsilon;
  if (!(end > start)) return null;
  const startAccuracy = accuracyAt(points, start);
  const endAccuracy = accuracyAt(points, end);
  if (startAccuracy === null || endAccuracy === null) return null;
  const xs = [
    { epsilon: start, accuracy: startAccuracy },
    ...known.filter((p) => p.epsilon > start && p.epsilon < end),
    { epsilon: end, accuracy: endAccuracy },
  ];
  let area = 0;
  for (let i = 1; i < xs.length; i++) {
    area += ((xs[i].accuracy + xs[i - 1].accuracy) / 2) * (xs[i].epsilon - xs[i - 1].epsilon);
  }
  return area / (end - start);
}

/** The clean accuracy a curve shows: its value at epsilon 0, when 0 is on its grid. */
export function cleanAccuracy(curves: Curve[]): number | null {
  for (const curve of curves) {
    const zero = curve.points.find((p) => p.epsilon === 0 && p.accuracy !== null);
    if (zero) return zero.accuracy;
  }
  return null;
}

/** The curve a comparison reads by default: the worst case over all attacks, else the first worst case, else the first. */
export function headlineCurve(curves: Curve[]): Curve | undefined {
  return (
    curves.find((c) => c.kind === 'worst-case' && c.label.includes('all attacks')) ??
    curves.find((c) => c.kind === 'worst-case') ??
    curves[0]
  );
}

/** One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Curves as CSV: one row per epsilon of any curve (ascending), one column per curve, empty where a curve has no
 * value at that epsilon (nothing is interpolated: these are the measured points). Lines end with CRLF (RFC 4180).
 */
export function curvesToCsv(curves: Curve[]): string {
  const epsilons = [...new Set(curves.flatMap((c) => c.points.map((p) => p.epsilon)))].sort((a, b) => a - b);
  const rows = [['epsilon', ...curves.map((c) => c.label)].map(csvField).join(',')];
  for (const epsilon of epsilons) {
    const cells = curves.map((c) => {
      const point = c.points.find((p) => p.epsilon === epsilon);
      return point && point.accuracy !== null ? String(point.accuracy) : '';
    });
    rows.push([String(epsilon), ...cells].join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

/** The smallest of the curves' largest measured epsilons: the range every curve covers, for a fair area. */
export function commonMaxEpsilon(curves: Curve[]): number | null {
  let common: number | null = null;
  for (const curve of curves) {
    const known = measured(curve.points);
    if (known.length === 0) continue;
    const max = known[known.length - 1].epsilon;
    common = common === null ? max : Math.min(common, max);
  }
  return common;
}
