// The submit form's model and its mapping to a job spec (job-contracts' Train and Evaluate specs; field names and
// ranges as job-contracts/README.md gives them). The form holds text as the inputs do; `formToSpec` parses it and
// names every field it cannot read with the spec path the API would name, so both kinds of error land on the field.

import type { InvalidField } from '../api/types';

export const DATASETS = ['fashion-mnist', 'mnist', 'permuted-mnist', 'cifar10', 'gaussian', 'bernoulli'];
export const ARCHITECTURES = ['mlp', 'lenet', 'vgg'];
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'relog', 'maxout'];
export const OPTIMIZERS = ['sgd', 'adam'];
export const ATTACKS = [
  'fgsm',
  'linf-bim',
  'linf-pgd',
  'l2-pgd',
  'linf-uniform-noise',
  'l2-gaussian-noise',
  'linf-deepfool',
  'l2-deepfool',
  'l2-ddn',
  'l2-carlini-wagner',
];
/** The attacks that take `steps` (job-contracts: a parameter an attack does not take is an error). */
export const ATTACKS_WITH_STEPS = new Set(['linf-bim', 'linf-pgd', 'l2-pgd', 'linf-deepfool', 'l2-deepfool', 'l2-ddn', 'l2-carlini-wagner']);
export const CORRUPTIONS = [
  'gaussian-noise', 'shot-noise', 'impulse-noise', 'speckle-noise', 'gaussian-blur', 'defocus-blur', 'motion-blur',
  'zoom-blur', 'pixelate', 'jpeg', 'contrast', 'brightness', 'elastic-transform',
];

/** The foolbox-sweep preset's epsilon grid (job-contracts README): 35 points, 0 and 1e-4 … 1. */
const FOOLBOX_EPSILONS = [
  { values: [0] },
  { values: [1, 2, 4, 8], scale: 1e-4 },
  { values: [1, 2, 4, 8], scale: 1e-3 },
  { logspace: { start: 0, stop: 3.5, num: 15, base: 2 }, scale: 0.01, decimals: 3 },
  { values: [0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] },
];

export interface EpsilonPreset {
  id: string;
  title: string;
  /** The spec's `epsilons` parts; absent for `custom` and for the spec preset. */
  epsilons?: unknown[];
  /** true: the spec's `"preset": "foolbox-sweep"`, which also fixes the attacks. */
  specPreset?: boolean;
}

export const EPSILON_PRESETS: EpsilonPreset[] = [
  { id: 'quick', title: 'quick: 0, 0.01, 0.03, 0.1, 0.3', epsilons: [{ values: [0, 0.01, 0.03, 0.1, 0.3] }] },
  { id: 'linear', title: 'linear: 0 … 0.3 in 7 steps', epsilons: [{ linspace: { start: 0, stop: 0.3, num: 7 } }] },
  { id: 'log-sweep', title: 'log sweep: 0, 1e-4 … 1 (35 points, the foolbox-sweep grid)', epsilons: FOOLBOX_EPSILONS },
  { id: 'foolbox-sweep', title: 'preset foolbox-sweep: its 6 attacks × 35 epsilons', specPreset: true },
  { id: 'custom', title: 'custom values' },
];

export interface SpecForm {
  kind: 'Train' | 'Evaluate';
  name: string;
  /** `key=value, key=value` */
  labels: string;
  dataset: string;
  seed: string;
  batchSize: string;
  // Train
  trainSize: string;
  testSize: string;
  architecture: string;
  /** `1024, 1024` */
  hidden: string;
  activation: string;
  optimizer: string;
  learningRate: string;
  method: string;
  methodEpsilon: string;
  methodAttack: string;
  epochs: string;
  // Evaluate
  modelSource: 'trainJob' | 'path' | 'artifact';
  model: string;
  split: string;
  samples: string;
  attacks: string[];
  steps: string;
  epsilonPreset: string;
  customEpsilons: string;
  corruptions: string[];
  severities: string;
  sigmas: string;
  draws: string;
}

export function defaultForm(kind: 'Train' | 'Evaluate'): SpecForm {
  return {
    kind,
    name: '',
    labels: '',
    dataset: 'fashion-mnist',
    seed: '0',
    batchSize: kind === 'Train' ? '100' : '500',
    trainSize: '',
    testSize: '',
    architecture: 'mlp',
    hidden: '1024, 1024',
    activation: 'relu',
    optimizer: 'sgd',
    learningRate: '0.05',
    method: 'standard',
    methodEpsilon: '0.1',
    methodAttack: 'pgd',
    epochs: '10',
    modelSource: 'trainJob',
    model: '',
    split: 'test',
    samples: '1000',
    attacks: ['fgsm', 'linf-pgd'],
    steps: '',
    epsilonPreset: 'quick',
    customEpsilons: '0, 0.01, 0.03, 0.1',
    corruptions: [],
    severities: '1, 3, 5',
    sigmas: '',
    draws: '5',
  };
}

/** The spec paths the form has an input for; the API's errors on deeper paths are shown at the nearest of these. */
export const FORM_FIELDS = [
  'metadata.name', 'metadata.labels', 'dataset.name', 'dataset.trainSize', 'dataset.testSize', 'dataset', 'seed',
  'batchSize', 'model.architecture', 'model.hidden', 'model.activation', 'model', 'optimizer.name',
  'optimizer.learningRate', 'method.name', 'method.epsilon', 'method.attack', 'method', 'epochs', 'model.trainJob',
  'model.path', 'model.artifact', 'split', 'samples', 'attacks', 'epsilons', 'preset', 'corruptions.names',
  'corruptions.severities', 'corruptions', 'weightNoise.sigmas', 'weightNoise.draws', 'weightNoise',
];

export interface FormResult {
  spec: Record<string, unknown> | null;
  errors: InvalidField[];
}

/** The spec the form describes, or the fields that cannot be read (the API checks ranges and combinations). */
export function formToSpec(form: SpecForm): FormResult {
  const errors: InvalidField[] = [];
  const reader = new Reader(errors);
  const metadata: Record<string, unknown> = {};
  if (form.name.trim()) metadata.name = form.name.trim();
  const labels = reader.labels('metadata.labels', form.labels);
  if (labels && Object.keys(labels).length) metadata.labels = labels;

  const spec: Record<string, unknown> = { apiVersion: 'robustlab/v1', kind: form.kind };
  if (Object.keys(metadata).length) spec.metadata = metadata;
  const dataset: Record<string, unknown> = { name: form.dataset };

  if (form.kind === 'Train') {
    reader.optionalInteger(dataset, 'trainSize', 'dataset.trainSize', form.trainSize);
    reader.optionalInteger(dataset, 'testSize', 'dataset.testSize', form.testSize);
    spec.dataset = dataset;
    const model: Record<string, unknown> = { architecture: form.architecture, activation: form.activation };
    if (form.architecture === 'mlp') model.hidden = reader.integers('model.hidden', form.hidden, true);
    spec.model = model;
    const optimizer: Record<string, unknown> = { name: form.optimizer };
    reader.optionalNumber(optimizer, 'learningRate', 'optimizer.learningRate', form.learningRate);
    spec.optimizer = optimizer;
    const method: Record<string, unknown> = { name: form.method };
    if (form.method === 'adversarial') {
      method.attack = form.methodAttack;
      reader.optionalNumber(method, 'epsilon', 'method.epsilon', form.methodEpsilon);
    }
    spec.method = method;
    reader.optionalInteger(spec, 'epochs', 'epochs', form.epochs);
  } else {
    const source = form.model.trim();
    if (!source) errors.push({ field: `model.${form.modelSource}`, message: 'is required' });
    spec.model = { [form.modelSource]: source };
    spec.dataset = dataset;
    if (form.split && form.split !== 'test') spec.split = form.split;
    reader.optionalInteger(spec, 'samples', 'samples', form.samples);
    const preset = EPSILON_PRESETS.find((p) => p.id === form.epsilonPreset);
    if (preset?.specPreset) {
      spec.preset = 'foolbox-sweep';
    } else if (form.attacks.length > 0) {
      const steps = form.steps.trim() ? reader.integer('attacks', form.steps) : undefined;
      spec.attacks = form.attacks.map((name) =>
        steps !== undefined && ATTACKS_WITH_STEPS.has(name) ? { name, steps } : { name },
      );
      if (preset?.epsilons) spec.epsilons = preset.epsilons;
      else spec.epsilons = [{ values: reader.numbers('epsilons', form.customEpsilons, true) }];
    }
    if (form.corruptions.length > 0) {
      spec.corruptions = {
        names: form.corruptions,
        severities: reader.integers('corruptions.severities', form.severities, true),
      };
    }
    if (form.sigmas.trim()) {
      const weightNoise: Record<string, unknown> = { sigmas: reader.numbers('weightNoise.sigmas', form.sigmas, true) };
      reader.optionalInteger(weightNoise, 'draws', 'weightNoise.draws', form.draws);
      spec.weightNoise = weightNoise;
    }
  }
  reader.optionalInteger(spec, 'batchSize', 'batchSize', form.batchSize);
  reader.optionalInteger(spec, 'seed', 'seed', form.seed);
  return { spec: errors.length ? null : spec, errors };
}

/** The form for evaluating the model of a finished Train job: its dataset, its id as `model.trainJob`. */
export function evaluateFormFor(trainJobId: string, trainSpec: Record<string, unknown> | undefined, name?: string): SpecForm {
  const form = defaultForm('Evaluate');
  form.modelSource = 'trainJob';
  form.model = trainJobId;
  const dataset = (trainSpec?.dataset ?? {}) as Record<string, unknown>;
  if (typeof dataset.name === 'string') form.dataset = dataset.name;
  form.name = name ? `evaluate ${name}` : '';
  const labels = ((trainSpec?.metadata ?? {}) as Record<string, unknown>).labels as Record<string, string> | undefined;
  if (labels) form.labels = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
  return form;
}

class Reader {
  constructor(private readonly errors: InvalidField[]) {}

  integer(field: string, text: string): number | undefined {
    const value = Number(text.trim());
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
      this.errors.push({ field, message: `must be an integer (got '${text.trim()}')` });
      return undefined;
    }
    return value;
  }

  number(field: string, text: string): number | undefined {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) {
      this.errors.push({ field, message: `must be a number (got '${text.trim()}')` });
      return undefined;
    }
    return value;
  }

  optionalInteger(target: Record<string, unknown>, key: string, field: string, text: string): void {
    if (!text.trim()) return;
    const value = this.integer(field, text);
    if (value !== undefined) target[key] = value;
  }

  optionalNumber(target: Record<string, unknown>, key: string, field: string, text: string): void {
    if (!text.trim()) return;
    const value = this.number(field, text);
    if (value !== undefined) target[key] = value;
  }

  private list(text: string): string[] {
    return text.split(/[,\s]+/).filter((part) => part !== '');
  }

  integers(field: string, text: string, required: boolean): number[] {
    const parts = this.list(text);
    if (required && parts.length === 0) this.errors.push({ field, message: 'needs at least one value' });
    return parts.map((part, i) => this.integer(`${field}[${i}]`, part)).filter((v): v is number => v !== undefined);
  }

  numbers(field: string, text: string, required: boolean): number[] {
    const parts = this.list(text);
    if (required && parts.length === 0) this.errors.push({ field, message: 'needs at least one value' });
    return parts.map((part, i) => this.number(`${field}[${i}]`, part)).filter((v): v is number => v !== undefined);
  }

  labels(field: string, text: string): Record<string, string> | null {
    const labels: Record<string, string> = {};
    for (const part of text.split(',').map((p) => p.trim()).filter((p) => p)) {
      const equals = part.indexOf('=');
      if (equals <= 0) {
        this.errors.push({ field, message: `must be key=value pairs separated by commas (got '${part}')` });
        return null;
      }
      labels[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
    }
    return labels;
  }
}
