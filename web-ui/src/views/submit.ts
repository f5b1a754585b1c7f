// Submit a Train or Evaluate job: a form for what a researcher tunes, or the full spec as JSON. Errors — the form's
// own and the API's problem `errors` — are shown next to the field they name.
import { api } from '../api/client';
import { ApiError, errorsByField } from '../api/problems';
import type { InvalidField } from '../api/types';
import { errorBox, h } from '../dom';
import { navigate, type Route } from '../router';
import {
  ACTIVATIONS, ARCHITECTURES, ATTACKS, CORRUPTIONS, DATASETS, defaultForm, EPSILON_PRESETS, evaluateFormFor,
  FORM_FIELDS, formToSpec, OPTIMIZERS, type SpecForm,
} from '../spec/form';
import { jobTitle, newIdempotencyKey } from './common';

type TextKey = { [K in keyof SpecForm]: SpecForm[K] extends string ? K : never }[keyof SpecForm];

export function submitView(root: HTMLElement, route: Route): () => void {
  let form: SpecForm = defaultForm(route.query.get('kind') === 'Evaluate' ? 'Evaluate' : 'Train');
  let mode: 'form' | 'json' = 'form';
  let jsonText = '';
  let errors: InvalidField[] = [];
  let general: unknown = null;
  let busy = false;
  const container = h('div', {});
  root.append(h('div', { class: 'page-head' }, h('h1', {}, 'Submit a job')), container);

  const evaluate = route.query.get('evaluate');
  if (evaluate) {
    form = evaluateFormFor(evaluate, undefined);
    void api.job(evaluate).then((train) => {
      form = evaluateFormFor(train.id, train.spec, jobTitle(train));
      render();
    }).catch((error) => ((general = error), render()));
  }

  const text = (key: TextKey, attributes: Record<string, string> = {}) => {
    const input = h('input', { type: 'text', name: key, value: form[key] as string, ...attributes });
    input.addEventListener('input', () => ((form as unknown as Record<string, string>)[key] = input.value));
    return input;
  };
  const choice = (key: TextKey, values: string[], rerender = false) => {
    const select = h('select', { name: key }, values.map((v) => h('option', { value: v, selected: form[key] === v }, v)));
    select.addEventListener('change', () => {
      (form as unknown as Record<string, string>)[key] = select.value;
      if (rerender) render();
    });
    return select;
  };
  const many = (key: 'attacks' | 'corruptions', values: string[], disabled = false) =>
    h('div', { class: 'checks' }, values.map((v) => {
      const box = h('input', { type: 'checkbox', name: key, value: v, checked: form[key].includes(v), disabled });
      box.addEventListener('change', () => (form[key] = values.filter((x) => x === v ? box.checked : form[key].includes(x))));
      return h('label', { class: 'check' }, box, ` ${v}`);
    }));

  function field(path: string, label: string, control: Node, hint?: string): HTMLElement {
    const messages = errorsByField(errors, FORM_FIELDS).get(path) ?? [];
    return h('div', { class: `field${messages.length ? ' invalid' : ''}`, 'data-field': path },
      h('label', {}, label), control, hint ? h('div', { class: 'hint' }, hint) : '',
      messages.length ? h('div', { class: 'field-error', 'data-error-for': path }, messages.join('; ')) : '');
  }

  function trainFields(): Node[] {
    return [
      h('fieldset', {}, h('legend', {}, 'Data'),
        field('dataset.name', 'dataset', choice('dataset', DATASETS)),
        field('dataset.trainSize', 'train samples', text('trainSize', { placeholder: 'whole split' })),
        field('dataset.testSize', 'test samples', text('testSize', { placeholder: 'whole split' }))),
      h('fieldset', {}, h('legend', {}, 'Model'),
        field('model.architecture', 'architecture', choice('architecture', ARCHITECTURES, true)),
        form.architecture === 'mlp' ? field('model.hidden', 'hidden sizes', text('hidden'), 'comma-separated, e.g. 1024, 1024') : '',
        field('model.activation', 'activation', choice('activation', ACTIVATIONS))),
      h('fieldset', {}, h('legend', {}, 'Training'),
        field('optimizer.name', 'optimizer', choice('optimizer', OPTIMIZERS)),
        field('optimizer.learningRate', 'learning rate', text('learningRate')),
        field('method.name', 'method', choice('method', ['standard', 'adversarial'], true)),
        form.method === 'adversarial' ? field('method.attack', 'training attack', choice('methodAttack', ['pgd', 'fgsm'])) : '',
        form.method === 'adversarial' ? field('method.epsilon', 'training ε', text('methodEpsilon')) : '',
        field('epochs', 'epochs', text('epochs')),
        field('batchSize', 'batch size', text('batchSize')),
        field('seed', 'seed', text('seed'))),
    ];
  }

  function evaluateFields(): Node[] {
    const preset = EPSILON_PRESETS.find((p) => p.id === form.epsilonPreset);
    return [
      h('fieldset', {}, h('legend', {}, 'Model and data'),
        field(`model.${form.modelSource}`, 'model', h('div', { class: 'row' }, choice('modelSource', ['trainJob', 'path', 'artifact'], true), text('model', { placeholder: form.modelSource === 'trainJob' ? 'id of a Train job' : form.modelSource === 'path' ? 'folder on the worker' : 'artifact-store key' }))),
        field('dataset.name', 'dataset', choice('dataset', DATASETS)),
        field('split', 'split', choice('split', ['test', 'train'])),
        field('samples', 'samples', text('samples'))),
      h('fieldset', {}, h('legend', {}, 'Attacks'),
        field('preset', 'epsilon grid', choice('epsilonPreset', EPSILON_PRESETS.map((p) => p.id), true), preset?.title),
        form.epsilonPreset === 'custom' ? field('epsilons', 'epsilons', text('customEpsilons'), 'ascending, comma-separated') : field('epsilons', '', h('span', {})),
        field('attacks', 'attacks', many('attacks', ATTACKS, !!preset?.specPreset), preset?.specPreset ? 'the preset fixes its own six attacks' : undefined),
        preset?.specPreset ? '' : field('attacks', 'steps (iterative attacks)', text('steps', { placeholder: 'each attack\'s default' }))),
      h('fieldset', {}, h('legend', {}, 'Corruptions and weight noise'),
        field('corruptions.names', 'corruptions', many('corruptions', CORRUPTIONS)),
        field('corruptions.severities', 'severities', text('severities')),
        field('weightNoise.sigmas', 'weight-noise σ', text('sigmas', { placeholder: 'e.g. 0.05, 0.1, 0.2 (empty: none)' })),
        field('weightNoise.draws', 'draws per σ', text('draws')),
        field('batchSize', 'batch size', text('batchSize')),
        field('seed', 'seed', text('seed'))),
    ];
  }

  function render() {
    const kindTabs = h('div', { class: 'tabs' }, (['Train', 'Evaluate'] as const).map((kind) =>
      h('button', { type: 'button', class: form.kind === kind ? 'tab active' : 'tab', 'aria-pressed': String(form.kind === kind), onclick: () => {
        if (form.kind !== kind) {
          form = { ...defaultForm(kind), name: form.name, labels: form.labels };
          errors = [];
          render();
        }
      } }, kind)));
    const modeTabs = h('div', { class: 'tabs' },
      h('button', { type: 'button', class: mode === 'form' ? 'tab active' : 'tab', onclick: () => ((mode = 'form'), render()) }, 'Form'),
      h('button', { type: 'button', class: mode === 'json' ? 'tab active' : 'tab', onclick: () => {
        const result = formToSpec(form);
        jsonText = JSON.stringify(result.spec ?? { apiVersion: 'robustlab/v1', kind: form.kind }, null, 2);
        mode = 'json';
        errors = result.errors;
        render();
      } }, 'JSON'));
    const unclaimed = mode === 'form' ? errorsByField(errors, FORM_FIELDS).get('') ?? [] : errors.map((e) => `${e.field}: ${e.message}`);
    const submit = h('button', { type: 'submit', class: 'primary', disabled: busy }, busy ? 'Submitting…' : `Submit ${form.kind} job`);
    let body: Node[];
    if (mode === 'form') {
      body = [
        h('fieldset', {}, h('legend', {}, 'About'),
          field('metadata.name', 'name', text('name', { placeholder: 'e.g. mlp meta=0.7 beta_dq=3e-4' })),
          field('metadata.labels', 'labels', text('labels', { placeholder: 'key=value, key=value' }), 'used to filter and compare, e.g. meta=0.7, beta_dq=3e-4')),
        ...(form.kind === 'Train' ? trainFields() : evaluateFields()),
      ];
    } else {
      const editor = h('textarea', { name: 'spec', class: 'json-editor', spellcheck: 'false', rows: 28 }, jsonText);
      editor.addEventListener('input', () => (jsonText = editor.value));
      body = [h('p', { class: 'hint' }, 'The full spec; every field is in job-contracts/README.md. The form is not updated from here.'), editor];
    }
    const element = h('form', { class: 'card submit-form', novalidate: true },
      h('div', { class: 'section-head' }, kindTabs, modeTabs),
      general ? errorBox(general) : '',
      unclaimed.length ? h('div', { class: 'message error', role: 'alert', 'data-error-for': '' }, h('strong', {}, 'The spec was refused: '), h('ul', {}, unclaimed.map((m) => h('li', {}, m)))) : '',
      ...body,
      h('div', { class: 'actions' }, submit));
    element.addEventListener('submit', (e) => {
      e.preventDefault();
      void send();
    });
    container.replaceChildren(element);
  }

  async function send() {
    general = null;
    let spec: unknown;
    if (mode === 'form') {
      const result = formToSpec(form);
      errors = result.errors;
      if (!result.spec) return render();
      spec = result.spec;
    } else {
      try {
        JSON.parse(jsonText);
      } catch (error) {
        errors = [{ field: 'spec', message: `is not JSON: ${error instanceof Error ? error.message : error}` }];
        return render();
      }
      errors = [];
      spec = jsonText;
    }
    busy = true;
    render();
    try {
      const job = await api.submit(spec, newIdempotencyKey());
      navigate(`#/jobs/${job.id}`);
    } catch (error) {
      busy = false;
      if (error instanceof ApiError && error.problem.errors?.length) {
        errors = error.problem.errors;
      } else {
        general = error;
      }
      render();
    }
  }

  render();
  return () => {};
}
