// Several jobs side by side: their robustness curves and training curves overlaid, and a table of key numbers.
import { api } from '../api/client';
import type { Curve, Epoch, JobView, RobustnessResults } from '../api/types';
import { Chart } from '../charts/chart';
import { robustnessOption, trainingOption, type CurveSeries } from '../charts/options';
import { accuracyAt, areaUnderCurve, cleanAccuracy, commonMaxEpsilon, headlineCurve } from '../curves/math';
import { emptyState, errorBox, h, number, percent, statusBadge } from '../dom';
import { navigate, type Route } from '../router';
import { jobTitle, labelChips } from './common';

interface Compared {
  job: JobView;
  curves: RobustnessResults | null;
  /** The job's own epochs (Train), or those of the Train job an evaluation names (model.trainJob). */
  epochs: Epoch[];
}

const HEADLINE = '';

export function compareView(root: HTMLElement, route: Route): () => void {
  const ids = (route.query.get('ids') ?? '').split(',').filter((s) => s);
  let stopped = false;
  let compared: Compared[] = [];
  let curveChoice = route.query.get('curve') ?? HEADLINE;
  let epsilon = Number(route.query.get('eps') ?? 'NaN');
  let logAxis = true;
  const robustnessChart = new Chart('compare-robustness', 400);
  const trainingChart = new Chart('compare-training', 320);
  const body = h('div', {});
  const picker = h('details', { class: 'card picker' });

  root.append(h('div', { class: 'page-head' }, h('h1', {}, 'Compare'), h('span', { class: 'hint' }, 'Pick jobs in the list below or on the Jobs page.')), picker, body);

  async function renderPicker() {
    try {
      const page = await api.jobs({ limit: 100 });
      const boxes = page.jobs.map((j) => {
        const box = h('input', { type: 'checkbox', value: j.id, checked: ids.includes(j.id) });
        return h('label', { class: 'pick' }, box, ` ${jobTitle(j)} `, h('span', { class: 'hint' }, `${j.kind} · ${j.id.slice(0, 8)}`), ' ', statusBadge(j.status), ...labelChips(j.labels));
      });
      const apply = h('button', { type: 'button', class: 'primary', onclick: () => {
        const chosen = [...picker.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => b.value);
        navigate(`#/compare?ids=${chosen.join(',')}`);
      } }, 'Compare these');
      picker.replaceChildren(h('summary', {}, `Jobs to compare (${ids.length} chosen)`), h('div', { class: 'pick-list' }, boxes), apply);
      picker.open = ids.length < 2;
    } catch (error) {
      picker.replaceChildren(h('summary', {}, 'Jobs to compare'), errorBox(error));
    }
  }

  function curveOf(c: Compared): Curve | undefined {
    if (!c.curves) return undefined;
    return curveChoice === HEADLINE ? headlineCurve(c.curves.curves) : c.curves.curves.find((x) => x.label === curveChoice);
  }

  function render() {
    const evaluated = compared.filter((c) => c.curves && c.curves.curves.length > 0);
    const labels = [...new Set(evaluated.flatMap((c) => c.curves!.curves.map((x) => x.label)))];
    const chosen = evaluated.map((c) => curveOf(c)).filter((c): c is Curve => !!c);
    const range = commonMaxEpsilon(chosen);
    if (!Number.isFinite(epsilon)) {
      const grid = [...new Set(chosen.flatMap((c) => c.points.map((p) => p.epsilon)))].filter((e) => e > 0 && (range === null || e <= range)).sort((a, b) => a - b);
      epsilon = grid.length ? grid[Math.floor(grid.length / 2)] : 0.1;
    }
    const curveSelect = h('select', { name: 'curve' }, h('option', { value: HEADLINE, selected: curveChoice === HEADLINE }, 'worst case over all attacks (or the first worst case)'), labels.map((l) => h('option', { value: l, selected: curveChoice === l }, l)));
    curveSelect.addEventListener('change', () => ((curveChoice = curveSelect.value), render()));
    const epsilonInput = h('input', { type: 'number', name: 'epsilon', step: 'any', min: 0, value: String(epsilon), size: 8 });
    epsilonInput.addEventListener('change', () => ((epsilon = Number(epsilonInput.value)), render()));
    const logToggle = h('input', { type: 'checkbox', checked: logAxis });
    logToggle.addEventListener('change', () => ((logAxis = logToggle.checked), render()));

    const series: CurveSeries[] = [];
    for (const c of evaluated) {
      const curve = curveOf(c);
      if (curve) series.push({ name: `${jobTitle(c.job)} · ${curve.label}`, curve });
    }
    const rows = compared.map((c) => {
      const curve = curveOf(c);
      const last = c.epochs[c.epochs.length - 1];
      return h('tr', { 'data-job-id': c.job.id },
        h('td', {}, h('a', { href: `#/jobs/${c.job.id}` }, jobTitle(c.job)), h('div', { class: 'sub' }, ...labelChips(c.job.labels))),
        h('td', {}, c.job.kind), h('td', {}, statusBadge(c.job.status)),
        h('td', {}, percent(c.curves ? cleanAccuracy(c.curves.curves) : null)),
        h('td', {}, curve ? percent(accuracyAt(curve.points, epsilon)) : '—'),
        h('td', {}, curve && range !== null ? percent(areaUnderCurve(curve.points, 0, range)) : '—'),
        h('td', {}, percent(last?.testAccuracy)));
    });
    const table = h('table', { class: 'numbers compare-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'job'), h('th', {}, 'kind'), h('th', {}, 'status'), h('th', {}, 'clean accuracy'), h('th', {}, `robust accuracy at ε ${number(epsilon)}`), h('th', { title: 'mean robust accuracy over [0, ε max], trapezoid rule on a linear ε axis' }, `area under curve [0, ${number(range)}]`), h('th', {}, 'final test accuracy'))),
      h('tbody', {}, rows));

    const parts: Node[] = [
      h('section', { class: 'card' },
        h('div', { class: 'section-head' }, h('h2', {}, 'Key numbers'),
          h('label', { class: 'inline' }, 'curve ', curveSelect), h('label', { class: 'inline' }, 'ε ', epsilonInput)),
        table,
        h('p', { class: 'hint' }, 'Robust accuracy between grid points is interpolated linearly in ε and never extrapolated beyond a curve\'s grid. The area is the mean robust accuracy over the range every compared curve covers.')),
    ];
    if (series.length > 0) {
      robustnessChart.set(robustnessOption(series, logAxis));
      parts.push(h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Robustness curves'), h('label', { class: 'inline' }, logToggle, ' log ε axis'), robustnessChart.exportButtons('compare-robustness')), robustnessChart.element));
    } else {
      parts.push(h('section', { class: 'card' }, h('h2', {}, 'Robustness curves'), emptyState('None of these jobs has robustness curves yet.', 'Evaluate jobs have them once their first points are measured.')));
    }
    const trained = compared.filter((c) => c.epochs.length > 0);
    if (trained.length > 0) {
      trainingChart.set(trainingOption(trained.map((c) => ({ prefix: jobTitle(c.job), epochs: c.epochs })), { loss: false, accuracy: true }));
      parts.push(h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Training curves (accuracy)'), trainingChart.exportButtons('compare-training')), trainingChart.element));
    }
    body.replaceChildren(...parts);
  }

  async function load() {
    if (ids.length === 0) {
      body.replaceChildren(emptyState('No jobs chosen.', 'Tick two or more jobs above, or on the Jobs page, and compare them.'));
      return;
    }
    body.replaceChildren(h('p', { class: 'hint' }, 'Loading…'));
    try {
      compared = await Promise.all(ids.map(async (id) => {
        const job = await api.job(id);
        const curves = job.kind === 'Evaluate' ? await api.curves(id) : null;
        const trainJob = job.kind === 'Train' ? id : ((job.spec?.model ?? {}) as { trainJob?: string }).trainJob;
        const epochs = trainJob ? (await api.metrics(trainJob).catch(() => ({ epochs: [] as Epoch[] }))).epochs : [];
        return { job, curves, epochs };
      }));
    } catch (error) {
      body.replaceChildren(errorBox(error));
      return;
    }
    if (!stopped) render();
  }

  void renderPicker();
  void load();
  return () => {
    stopped = true;
  };
}
