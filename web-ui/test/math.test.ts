import { describe, expect, it } from 'vitest';
import type { Curve } from '../src/api/types';
import { accuracyAt, areaUnderCurve, cleanAccuracy, commonMaxEpsilon, curvesToCsv, headlineCurve } from '../src/curves/math';

const pgd: Curve = {
  label: 'linf-pgd (L∞)',
  kind: 'attack',
  norm: 'linf',
  points: [
    { epsilon: 0, accuracy: 0.9, samples: 100 },
    { epsilon: 0.1, accuracy: 0.5, samples: 100 },
    { epsilon: 0.3, accuracy: 0.1, samples: 100 },
  ],
};

describe('accuracyAt', () => {
  it('gives grid values exactly and interpolates linearly between grid points', () => {
    expect(accuracyAt(pgd.points, 0.1)).toBe(0.5);
    expect(accuracyAt(pgd.points, 0.05)).toBeCloseTo(0.7, 12);
    expect(accuracyAt(pgd.points, 0.2)).toBeCloseTo(0.3, 12);
  });
  it('never extrapolates beyond the measured range', () => {
    expect(accuracyAt(pgd.points, 0.31)).toBeNull();
    expect(accuracyAt(pgd.points.slice(1), 0.05)).toBeNull();
    expect(accuracyAt([], 0)).toBeNull();
  });
  it('skips points without an accuracy', () => {
    const gappy = [...pgd.points.slice(0, 1), { epsilon: 0.1, accuracy: null, samples: 0 }, pgd.points[2]];
    expect(accuracyAt(gappy, 0.15)).toBeCloseTo(0.9 + 0.5 * (0.1 - 0.9), 12);
  });
});

describe('areaUnderCurve', () => {
  it('is the mean accuracy over the range by the trapezoid rule', () => {
    // (0.9+0.5)/2*0.1 + (0.5+0.1)/2*0.2 = 0.07 + 0.06 = 0.13, over 0.3
    expect(areaUnderCurve(pgd.points)).toBeCloseTo(0.13 / 0.3, 12);
  });
  it('is the accuracy of a flat curve', () => {
    const flat = [0, 0.01, 1].map((epsilon) => ({ epsilon, accuracy: 0.8, samples: 1 }));
    expect(areaUnderCurve(flat)).toBeCloseTo(0.8, 12);
  });
  it('cuts the range with interpolated ends, and refuses ranges the curve does not cover', () => {
    // over [0, 0.2]: 0.07 + (0.5+0.3)/2*0.1 = 0.11, over 0.2
    expect(areaUnderCurve(pgd.points, 0, 0.2)).toBeCloseTo(0.55, 12);
    expect(areaUnderCurve(pgd.points, 0, 0.5)).toBeNull();
    expect(areaUnderCurve(pgd.points, 0.2, 0.2)).toBeNull();
    expect(areaUnderCurve(pgd.points.slice(0, 1))).toBeNull();
  });
});

describe('curve helpers', () => {
  const worst: Curve = { label: 'worst-case (all attacks)', kind: 'worst-case', norm: 'linf', points: pgd.points.slice(0, 2) };
  it('reads the clean accuracy at epsilon 0 and picks the worst case over all attacks', () => {
    expect(cleanAccuracy([pgd])).toBe(0.9);
    expect(cleanAccuracy([{ ...pgd, points: pgd.points.slice(1) }])).toBeNull();
    expect(headlineCurve([pgd, worst])).toBe(worst);
    expect(headlineCurve([pgd])).toBe(pgd);
    expect(commonMaxEpsilon([pgd, worst])).toBe(0.1);
  });
});

describe('curvesToCsv', () => {
  it('writes one row per epsilon and one quoted column per curve, empty where a curve has no point', () => {
    const fgsm: Curve = { label: 'fgsm, "fast" (L∞)', kind: 'attack', norm: 'linf', points: [{ epsilon: 0.1, accuracy: 0.6, samples: 1 }] };
    expect(curvesToCsv([pgd, fgsm])).toBe(
      'epsilon,linf-pgd (L∞),"fgsm, ""fast"" (L∞)"\r\n0,0.9,\r\n0.1,0.5,0.6\r\n0.3,0.1,\r\n',
    );
  });
});
