// One job: its spec, timeline, live training curves, and for an evaluation its robustness curves, corruption
// heatmap, weight-noise curve, warnings, adversarial-example gallery and artifacts.
import { api } from '../api/client';
import { finished, type Artifact, type EvaluationResultFile, type GalleryIndex, type JobView, type RobustnessResults, type TrainingMetrics } from '../api/types';
import { Chart } from '../charts/chart';
import { corruptionOption, robustnessOption, trainingOption, weightNoiseOption } from '../charts/options';
import { areaUnderCurve, cleanAccuracy, curvesToCsv } from '../curves/math';
import { bytes, download, duration, emptyState, errorBox, h, number, percent, statusBadge, time } from '../dom';
import type { Route } from '../router';
import { jobTitle, labelChips, progressBar } from './common';
import { followJob, throttled } from './live';

export function jobView(root: HTMLElement, route: Route): () => void {
  const id = route.path[1];
  let job: JobView | null = null;
  let stopStream: (() => void) | null = null;
  let stopped = false;
  const objectUrls: string[] = [];

  const head = h('div', { class: 'page-head' });
  const summary = h('section', { class: 'card summary' });
  const warnings = h('div', { class: 'warnings' });
  const connection = h('div', { class: 'connection' });
  const results = h('div', { class: 'results' });
  const details = h('div', { class: 'details' });
  root.append(head, connection, warnings, summary, results, details);

  const trainingChart = new Chart('training');
  const robustnessChart = new Chart('robustness', 380);
  const corruptionChart = new Chart('corruptions', 360);
  const noiseChart = new Chart('weight-noise', 300);
  let logAxis = true;
  let curves: RobustnessResults | null = null;
  let metrics: TrainingMetrics | null = null;

  const trainingSection = h('section', { class: 'card', 'data-section': 'training' });
  const robustnessSection = h('section', { class: 'card', 'data-section': 'robustness' });
  const corruptionSection = h('section', { class: 'card', 'data-section': 'corruptions' });
  const noiseSection = h('section', { class: 'card', 'data-section': 'weight-noise' });
  const gallerySection = h('section', { class: 'card', 'data-section': 'gallery' });
  const artifactSection = h('section', { class: 'card', 'data-section': 'artifacts' });

  function renderHead(view: JobView) {
    const actions = h('div', { class: 'actions' });
    if (!finished(view.status)) {
      actions.append(h('button', { type: 'button', onclick: () => void api.cancel(view.id).then(reloadJob).catch((e) => warnings.prepend(errorBox(e))) }, view.cancelRequested ? 'Cancel requested' : 'Cancel'));
    }
    if (view.kind === 'Train' && view.status === 'SUCCEEDED') {
      actions.append(h('a', { class: 'button primary', href: `#/submit?evaluate=${view.id}` }, 'Evaluate this model'));
    }
    actions.append(h('a', { class: 'button', href: `#/compare?ids=${view.id}` }, 'Compare…'));
    head.replaceChildren(h('div', {}, h('h1', {}, jobTitle(view), ' ', statusBadge(view.status)), h('div', { class: 'sub' }, `${view.kind} job `, h('code', {}, view.id), ...labelChips(view.labels))), actions);
  }

  function renderSummary(view: JobView) {
    const rows: [string, Node | string][] = [
      ['attempt', `${view.attempt} of ${view.maxAttempts}${view.runs > 1 ? ` (${view.runs} runs)` : ''}`],
      ['worker', view.workerId ?? '—'],
      ['created', time(view.createdAt)],
      ['started', time(view.startedAt)],
      ['finished', time(view.finishedAt)],
      ['duration', duration(view.durationSeconds)],
      ['spec hash', h('code', { title: view.specHash }, view.specHash.slice(0, 16) + '…')],
    ];
    if (view.waitsFor) rows.push(['waits for', h('a', { href: `#/jobs/${view.waitsFor}` }, view.waitsFor.slice(0, 8))]);
    const progress = progressBar(view.progress, view.status);
    summary.replaceChildren(
      progress ? h('div', { class: 'summary-progress' }, progress) : '',
      view.failureReason ? h('div', { class: 'message error', role: 'alert' }, h('strong', {}, view.status === 'FAILED' ? 'Failed: ' : 'Note: '), view.failureReason) : '',
      h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    );
  }

  function renderDetails(view: JobView) {
    const specText = JSON.stringify(view.spec ?? {}, null, 2);
    const copy = h('button', { type: 'button', class: 'small' }, 'Copy JSON');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(specText).then(() => (copy.textContent = 'Copied'), () => (copy.textContent = 'Copy failed: select the text'));
    });
    const timeline = h(
      'ol',
      { class: 'timeline' },
      (view.timeline ?? []).map((t) =>
        h('li', {}, h('span', { class: 'when' }, time(t.at)), ' ', t.from ? statusBadge(t.from) : '', t.from ? ' → ' : '', statusBadge(t.to), h('span', { class: 'hint' }, ` attempt ${t.attempt}`), t.reason ? h('div', { class: 'reason-text' }, t.reason) : ''),
      ),
    );
    details.replaceChildren(
      h('div', { class: 'two-columns' },
        h('section', { class: 'card' }, h('h2', {}, 'Status timeline'), timeline),
        h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Spec'), copy), h('pre', { class: 'spec' }, specText)),
      ),
      artifactSection,
    );
  }

  function renderTraining() {
    if (!metrics || metrics.epochs.length === 0) {
      trainingSection.replaceChildren(h('h2', {}, 'Training curves'), emptyState(job && finished(job.status) ? 'No epoch was reported.' : 'Waiting for the first epoch…'));
      return;
    }
    const last = metrics.epochs[metrics.epochs.length - 1];
    trainingChart.set(trainingOption([{ prefix: '', epochs: metrics.epochs }]));
    trainingSection.replaceChildren(
      h('div', { class: 'section-head' }, h('h2', {}, 'Training curves'), h('span', { class: 'hint' }, `epoch ${last.epoch}: test accuracy ${percent(last.testAccuracy)}, train loss ${number(last.trainLoss)}`), trainingChart.exportButtons(`${id}-training`)),
      trainingChart.element,
    );
  }

  function renderRobustness() {
    if (!curves) return;
    const logToggle = h('input', { type: 'checkbox', checked: logAxis });
    logToggle.addEventListener('change', () => ((logAxis = logToggle.checked), renderRobustness()));
    if (curves.curves.length === 0) {
      robustnessSection.replaceChildren(h('h2', {}, 'Robustness curves'), emptyState(job && finished(job.status) ? 'This evaluation measured no attack.' : 'Waiting for the first curve point…'));
    } else {
      robustnessChart.set(robustnessOption(curves.curves.map((c) => ({ name: c.label, curve: c })), logAxis));
      const table = h(
        'table',
        { class: 'numbers' },
        h('thead', {}, h('tr', {}, h('th', {}, 'curve'), h('th', {}, 'norm'), h('th', {}, 'ε = 0'), h('th', {}, 'at largest ε'), h('th', { title: 'mean robust accuracy over the grid range (trapezoid rule, linear ε)' }, 'area under curve'))),
        h('tbody', {}, curves.curves.map((c) => {
          const last = c.points[c.points.length - 1];
          return h('tr', { class: c.kind === 'worst-case' ? 'worst' : '' }, h('td', {}, c.label), h('td', {}, c.norm), h('td', {}, percent(c.points.find((p) => p.epsilon === 0)?.accuracy)), h('td', {}, last ? `${percent(last.accuracy)} at ${number(last.epsilon)}` : '—'), h('td', {}, percent(areaUnderCurve(c.points))));
        })),
      );
      robustnessSection.replaceChildren(
        h('div', { class: 'section-head' }, h('h2', {}, 'Robustness curves'),
          h('label', { class: 'inline' }, logToggle, ' log ε axis'),
          h('span', { class: 'exports' },
            h('button', { type: 'button', class: 'small', onclick: () => download(new Blob([curvesToCsv(curves!.curves)], { type: 'text/csv' }), `${id}-curves.csv`) }, 'CSV'),
            h('button', { type: 'button', class: 'small', onclick: () => download(new Blob([JSON.stringify(curves!.curves, null, 2)], { type: 'application/json' }), `${id}-curves.json`) }, 'JSON')),
          robustnessChart.exportButtons(`${id}-robustness`)),
        h('p', { class: 'hint' }, `Clean accuracy ${percent(cleanAccuracy(curves.curves))}. Dashed: worst cases (a sample counts as broken if any attack broke it).`),
        robustnessChart.element,
        table,
      );
    }
    const table = curves.corruptions;
    if (table.corruptions.length > 0) {
      corruptionChart.set(corruptionOption(table));
      corruptionSection.replaceChildren(h('div', { class: 'section-head' }, h('h2', {}, 'Corruptions'), h('span', { class: 'hint' }, `mean accuracy ${percent(table.meanAccuracy)}`), corruptionChart.exportButtons(`${id}-corruptions`)), corruptionChart.element);
    } else corruptionSection.replaceChildren();
    if (curves.weightNoise.length > 0) {
      noiseChart.set(weightNoiseOption(curves.weightNoise));
      noiseSection.replaceChildren(h('div', { class: 'section-head' }, h('h2', {}, 'Weight noise'), h('span', { class: 'hint' }, 'w ← w + σ·|w|·N(0,1); error bars ±1 standard deviation over the draws'), noiseChart.exportButtons(`${id}-weight-noise`)), noiseChart.element);
    } else noiseSection.replaceChildren();
  }

  async function renderArtifacts() {
    let artifacts: Artifact[];
    try {
      artifacts = (await api.artifacts(id)).artifacts;
    } catch (error) {
      artifactSection.replaceChildren(h('h2', {}, 'Artifacts'), errorBox(error));
      return [];
    }
    const visible = artifacts.filter((a) => !a.name.startsWith('gallery/'));
    const galleryCount = artifacts.length - visible.length;
    artifactSection.replaceChildren(
      h('h2', {}, 'Artifacts'),
      visible.length === 0 && galleryCount === 0 ? emptyState(finished(job!.status) ? 'This job stored no files.' : 'Files appear when the job finishes.') :
      h('table', { class: 'numbers artifacts' },
        h('thead', {}, h('tr', {}, h('th', {}, 'name'), h('th', {}, 'size'), h('th', {}, 'type'), h('th', {}, ''))),
        h('tbody', {}, visible.map((a) => h('tr', {}, h('td', {}, h('code', {}, a.name)), h('td', {}, bytes(a.sizeBytes)), h('td', {}, a.contentType),
          h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => void api.artifact(a.download).then((b) => download(b, a.name.split('/').pop()!)).catch((e) => artifactSection.append(errorBox(e))) }, 'Download'))))),
      ),
      galleryCount ? h('p', { class: 'hint' }, `and ${galleryCount} files of the adversarial-example gallery (shown above)`) : '',
    );
    return artifacts;
  }

  async function renderEvaluationFiles(artifacts: Artifact[]) {
    const result = artifacts.find((a) => a.name === 'result.json');
    if (result) {
      try {
        const file = JSON.parse(await (await api.artifact(result.download)).text()) as EvaluationResultFile;
        warnings.replaceChildren(...(file.warnings ?? []).map((w) =>
          h('div', { class: 'message warning', role: 'alert', 'data-warning': w.code }, h('strong', {}, `Possible gradient masking (${w.code}): `), w.message)));
      } catch (error) {
        warnings.replaceChildren(errorBox(error));
      }
    }
    const index = artifacts.find((a) => a.name === 'gallery/index.json');
    if (!index) {
      gallerySection.replaceChildren(finished(job!.status) && job!.status === 'SUCCEEDED' ? h('div', {}, h('h2', {}, 'Adversarial examples'), emptyState('No gallery: the samples are not images, or the worker keeps none.')) : '');
      return;
    }
    const byName = new Map(artifacts.map((a) => [a.name, a]));
    try {
      const gallery = JSON.parse(await (await api.artifact(index.download)).text()) as GalleryIndex;
      const image = (name: string, alt: string) => {
        const img = h('img', { alt, width: 112, height: 112 });
        const artifact = byName.get(name);
        if (artifact) void api.artifact(artifact.download).then((blob) => {
          const url = URL.createObjectURL(blob);
          objectUrls.push(url);
          img.src = url;
        });
        return img;
      };
      gallerySection.replaceChildren(
        h('h2', {}, 'Adversarial examples'),
        h('p', { class: 'hint' }, `Clean, adversarial, perturbation (${gallery.perturbationPixel}).`),
        ...gallery.attacks.map((attack) => h('div', { class: 'gallery-attack' },
          h('h3', {}, attack.curve),
          attack.samples.length === 0 ? h('p', { class: 'hint' }, 'This attack fooled no sample.') :
          h('div', { class: 'gallery' }, attack.samples.map((s) => h('figure', {},
            h('div', { class: 'triple' }, image(s.clean, 'clean'), image(s.adversarial, 'adversarial'), image(s.perturbation, 'perturbation')),
            h('figcaption', {}, `#${s.sample}: label ${s.label}, predicted ${s.cleanPrediction} → ${s.adversarialPrediction} at ε ${number(s.epsilon)} (‖δ‖ ${number(s.perturbationNorm)})`)))),
        )),
      );
    } catch (error) {
      gallerySection.replaceChildren(h('h2', {}, 'Adversarial examples'), errorBox(error));
    }
  }

  const refetchMetrics = throttled(() => void api.metrics(id).then((m) => ((metrics = m), renderTraining())).catch(() => {}), 700);
  const refetchCurves = throttled(() => void api.curves(id).then((c) => ((curves = c), renderRobustness())).catch(() => {}), 700);

  async function reloadJob() {
    try {
      const view = await api.job(id);
      if (stopped) return;
      job = view;
      renderHead(view);
      renderSummary(view);
      renderDetails(view);
      root.dataset.jobStatus = view.status;
    } catch (error) {
      if (!job) root.replaceChildren(errorBox(error), h('p', {}, h('a', { href: '#/jobs' }, 'Back to the jobs')));
      throw error;
    }
  }

  async function loadResults() {
    if (!job) return;
    if (job.kind === 'Train') {
      results.replaceChildren(trainingSection);
      metrics = await api.metrics(id);
      renderTraining();
    } else {
      results.replaceChildren(robustnessSection, h('div', { class: 'two-columns' }, corruptionSection, noiseSection), gallerySection);
      curves = await api.curves(id);
      renderRobustness();
    }
    const artifacts = await renderArtifacts();
    if (job.kind === 'Evaluate') await renderEvaluationFiles(artifacts);
  }

  void (async () => {
    try {
      await reloadJob();
      await loadResults();
    } catch (error) {
      if (job) results.prepend(errorBox(error));
      return;
    }
    const loaded = job as JobView | null;
    if (!loaded || finished(loaded.status) || stopped) return;
    stopStream = followJob(id, {
      onEvent: (name, data) => {
        if (stopped || !job) return;
        connection.replaceChildren();
        if (name === 'progress') {
          job = { ...job, progress: { ...job.progress, ...(data as object) } };
          renderSummary(job);
        } else if (name === 'epoch-metric') refetchMetrics();
        else if (name === 'curve-point' || name === 'corruption-point' || name === 'weight-noise-point') refetchCurves();
        else if (name === 'status' || name === 'job') {
          void reloadJob()
            .then(async () => {
              const now = job as JobView | null;
              if (now && finished(now.status)) await loadResults();
            })
            .catch(() => {});
        }
      },
      onError: (message) => connection.replaceChildren(h('div', { class: 'message warning' }, `Live updates interrupted (${message}); reconnecting…`)),
    });
  })();

  return () => {
    stopped = true;
    stopStream?.();
    for (const url of objectUrls) URL.revokeObjectURL(url);
  };
}
