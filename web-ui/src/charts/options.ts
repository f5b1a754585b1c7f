// What each chart draws, as ECharts options built from the API's results.
import type { Curve, CorruptionTable, Epoch, WeightNoiseLevel } from '../api/types';
import { number, percent } from '../dom';
import type { ChartOption } from './chart';

/** Tableau 10: distinct in both themes, and for the colour-blind more than ECharts' default. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const accuracyAxis = (name = 'accuracy') => ({
  type: 'value',
  name,
  min: 0,
  max: 1,
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
});

function tooltip() {
  return {
    trigger: 'axis',
    valueFormatter: (v: unknown) => (typeof v === 'number' ? percent(v, 2) : '—'),
  };
}

export interface CurveSeries {
  /** The series' name: the curve's label, or "job · label" in a comparison. */
  name: string;
  curve: Curve;
}

/**
 * Accuracy against epsilon, one line per curve; worst cases drawn thicker and dashed. On a log epsilon axis the
 * ε = 0 point (the clean accuracy) has no place and is left out: the legend's subtitle says so.
 */
export function robustnessOption(series: CurveSeries[], logAxis: boolean): ChartOption {
  return {
    color: PALETTE,
    tooltip: {
      ...tooltip(),
      axisPointer: { type: 'cross', label: { formatter: (p: { value: number; axisDimension: string }) => (p.axisDimension === 'x' ? `ε ${number(p.value)}` : percent(p.value)) } },
    },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 56 },
    xAxis: {
      type: logAxis ? 'log' : 'value',
      name: logAxis ? 'ε (log; ε = 0 not shown)' : 'ε',
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { formatter: (v: number) => number(v, 3) },
      ...(logAxis ? { logBase: 10 } : {}),
    },
    yAxis: accuracyAxis('robust accuracy'),
    series: series.map(({ name, curve }) => ({
      name,
      type: 'line',
      showSymbol: true,
      symbolSize: 5,
      connectNulls: false,
      lineStyle: curve.kind === 'worst-case' ? { width: 3, type: 'dashed' } : { width: 2 },
      data: curve.points.filter((p) => !logAxis || p.epsilon > 0).map((p) => [p.epsilon, p.accuracy]),
    })),
  };
}

export interface TrainingSeries {
  /** Prefix for the series' names: empty on a job page, the job's name in a comparison. */
  prefix: string;
  epochs: Epoch[];
}

/**
 * Loss (left axis) and accuracy (right axis, 0–100 %) per epoch, train solid and test dashed. One run: loss blue and
 * accuracy orange; several: one colour per run.
 */
export function trainingOption(runs: TrainingSeries[], show: { loss: boolean; accuracy: boolean } = { loss: true, accuracy: true }): ChartOption {
  const series: unknown[] = [];
  runs.forEach((run, index) => {
    const name = (what: string) => (run.prefix ? `${run.prefix} · ${what}` : what);
    const line = (what: string, key: keyof Epoch, axis: number, dashed: boolean, color: string) => ({
      name: name(what),
      type: 'line',
      yAxisIndex: axis,
      showSymbol: true,
      symbolSize: 5,
      color,
      lineStyle: dashed ? { type: 'dashed', width: 2 } : { width: 2 },
      data: run.epochs.map((e) => [e.epoch, e[key]]),
    });
    const lossColor = runs.length > 1 ? PALETTE[index % PALETTE.length] : PALETTE[0];
    const accuracyColor = runs.length > 1 ? PALETTE[index % PALETTE.length] : PALETTE[1];
    const accuracyAxisIndex = show.loss ? 1 : 0;
    if (show.loss) series.push(line('train loss', 'trainLoss', 0, false, lossColor), line('test loss', 'testLoss', 0, true, lossColor));
    if (show.accuracy) series.push(line('train accuracy', 'trainAccuracy', accuracyAxisIndex, false, accuracyColor), line('test accuracy', 'testAccuracy', accuracyAxisIndex, true, accuracyColor));
  });
  const yAxis = [];
  if (show.loss) yAxis.push({ type: 'value', name: 'loss', scale: true });
  if (show.accuracy) yAxis.push({ ...accuracyAxis(), splitLine: { show: !show.loss } });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? number(v, 4) : '—') },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 64, top: 40, bottom: 48 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 1 },
    yAxis,
    series,
  };
}

/** Accuracy per corruption (rows) and severity (columns), coloured from 0 to 100 %. */
export function corruptionOption(table: CorruptionTable): ChartOption {
  const severities = [...new Set(table.corruptions.flatMap((c) => c.severities.map((s) => s.severity)))].sort((a, b) => a - b);
  const names = table.corruptions.map((c) => c.corruption);
  const data = table.corruptions.flatMap((c, row) =>
    c.severities.map((s) => [severities.indexOf(s.severity), row, s.accuracy]),
  );
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number | null] }) =>
        `${names[p.value[1]]}, severity ${severities[p.value[0]]}: ${percent(p.value[2])}`,
    },
    grid: { left: 130, right: 96, top: 16, bottom: 48 },
    xAxis: { type: 'category', name: 'severity', nameLocation: 'middle', nameGap: 28, data: severities.map(String), splitArea: { show: true } },
    yAxis: { type: 'category', data: names, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: 1,
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 140,
      formatter: (v: number) => percent(v, 0),
      inRange: { color: ['#b2182b', '#f4a582', '#f7f7f7', '#92c5de', '#2166ac'] },
    },
    series: [
      {
        name: 'accuracy under corruption',
        type: 'heatmap',
        data,
        label: { show: true, formatter: (p: { value: [number, number, number | null] }) => percent(p.value[2], 0) },
      },
    ],
  };
}

/** Mean accuracy against the weight-noise level σ, with ±1 standard deviation as error bars. */
export function weightNoiseOption(levels: WeightNoiseLevel[]): ChartOption {
  const bars = levels
    .filter((l) => l.meanAccuracy !== null && l.stdAccuracy !== null)
    .map((l) => [l.sigma, l.meanAccuracy! - l.stdAccuracy!, l.meanAccuracy! + l.stdAccuracy!]);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const level = levels[items[0]?.dataIndex ?? 0];
        return level ? `σ ${number(level.sigma)}: ${percent(level.meanAccuracy, 2)} ± ${percent(level.stdAccuracy, 2)} (${level.draws} draws)` : '';
      },
    },
    grid: { left: 56, right: 24, top: 32, bottom: 48 },
    xAxis: { type: 'value', name: 'σ (relative weight noise)', nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: accuracyAxis('mean accuracy'),
    series: [
      { name: 'mean accuracy', type: 'line', symbolSize: 7, color: PALETTE[0], data: levels.map((l) => [l.sigma, l.meanAccuracy]) },
      {
        name: '± 1 std',
        type: 'custom',
        data: bars,
        renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; style: (o?: object) => object }) => {
          const low = api.coord([api.value(0), api.value(1)]);
          const high = api.coord([api.value(0), api.value(2)]);
          const style = { stroke: PALETTE[0], fill: 'none', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              { type: 'line', shape: { x1: low[0] - 5, y1: low[1], x2: low[0] + 5, y2: low[1] }, style },
              { type: 'line', shape: { x1: high[0] - 5, y1: high[1], x2: high[0] + 5, y2: high[1] }, style },
            ],
          };
        },
        z: 1,
      },
    ],
  };
}
