import { describe, expect, it } from 'vitest';
import { errorsByField } from '../src/api/problems';
import { defaultForm, evaluateFormFor, FORM_FIELDS, formToSpec } from '../src/spec/form';

describe('formToSpec', () => {
  it('maps a Train form to a Train spec', () => {
    const form = { ...defaultForm('Train'), name: 'mlp', labels: 'meta=0.7, beta_dq=3e-4', hidden: '64, 32', epochs: '2', trainSize: '600', seed: '7' };
    expect(formToSpec(form)).toEqual({
      errors: [],
      spec: {
        apiVersion: 'robustlab/v1',
        kind: 'Train',
        metadata: { name: 'mlp', labels: { meta: '0.7', beta_dq: '3e-4' } },
        dataset: { name: 'fashion-mnist', trainSize: 600 },
        model: { architecture: 'mlp', activation: 'relu', hidden: [64, 32] },
        optimizer: { name: 'sgd', learningRate: 0.05 },
        method: { name: 'standard' },
        epochs: 2,
        batchSize: 100,
        seed: 7,
      },
    });
  });

  it('gives an adversarial method its attack and epsilon, and leaves hidden out of a lenet', () => {
    const form = { ...defaultForm('Train'), architecture: 'lenet', method: 'adversarial', methodAttack: 'fgsm', methodEpsilon: '0.1' };
    const spec = formToSpec(form).spec!;
    expect(spec.method).toEqual({ name: 'adversarial', attack: 'fgsm', epsilon: 0.1 });
    expect(spec.model).toEqual({ architecture: 'lenet', activation: 'relu' });
  });

  it('maps an Evaluate form: the grid preset, steps only where an attack takes them, corruptions, weight noise', () => {
    const form = { ...defaultForm('Evaluate'), model: 'b3c1', attacks: ['fgsm', 'linf-pgd'], steps: '5', samples: '100', corruptions: ['contrast'], severities: '1 3', sigmas: '0.1', draws: '2' };
    const spec = formToSpec(form).spec!;
    expect(spec.model).toEqual({ trainJob: 'b3c1' });
    expect(spec.attacks).toEqual([{ name: 'fgsm' }, { name: 'linf-pgd', steps: 5 }]);
    expect(spec.epsilons).toEqual([{ values: [0, 0.01, 0.03, 0.1, 0.3] }]);
    expect(spec.corruptions).toEqual({ names: ['contrast'], severities: [1, 3] });
    expect(spec.weightNoise).toEqual({ sigmas: [0.1], draws: 2 });
    expect(spec.samples).toBe(100);
  });

  it('writes the foolbox-sweep preset instead of attacks and epsilons, and custom values as written', () => {
    expect(formToSpec({ ...defaultForm('Evaluate'), model: 'x', epsilonPreset: 'foolbox-sweep' }).spec).toMatchObject({ preset: 'foolbox-sweep' });
    expect(formToSpec({ ...defaultForm('Evaluate'), model: 'x', epsilonPreset: 'foolbox-sweep' }).spec).not.toHaveProperty('attacks');
    const custom = formToSpec({ ...defaultForm('Evaluate'), model: 'x', epsilonPreset: 'custom', customEpsilons: '0, 1e-4, 0.5' }).spec!;
    expect(custom.epsilons).toEqual([{ values: [0, 1e-4, 0.5] }]);
    const sweep = formToSpec({ ...defaultForm('Evaluate'), model: 'x', epsilonPreset: 'log-sweep' }).spec!;
    expect((sweep.epsilons as unknown[]).length).toBe(5);
  });

  it('names every field it cannot read, by spec path', () => {
    const result = formToSpec({ ...defaultForm('Train'), hidden: '64, x', epochs: '1.5', labels: 'oops' });
    expect(result.spec).toBeNull();
    expect(result.errors.map((e) => e.field)).toEqual(['metadata.labels', 'model.hidden[1]', 'epochs']);
    expect(formToSpec({ ...defaultForm('Evaluate'), model: ' ' }).errors).toEqual([{ field: 'model.trainJob', message: 'is required' }]);
  });

  it('prefills an evaluation of a Train job with its dataset and labels', () => {
    const form = evaluateFormFor('job-1', { dataset: { name: 'mnist' }, metadata: { labels: { meta: '1.35' } } }, 'mlp');
    expect(form).toMatchObject({ kind: 'Evaluate', modelSource: 'trainJob', model: 'job-1', dataset: 'mnist', labels: 'meta=1.35', name: 'evaluate mlp' });
  });
});

describe('errorsByField', () => {
  it('puts each API error on the form field with the longest path prefix, the rest under ""', () => {
    const errors = [
      { field: 'model.hidden[1]', message: 'must be > 0' },
      { field: 'epochs', message: 'must be <= 10000' },
      { field: 'attacks[0].steps', message: 'applies only to …' },
      { field: 'epsilons[0].linspace.num', message: 'must be >= 2' },
      { field: 'dataset.trainSize', message: 'must be <= 60000 for fashion-mnist' },
      { field: 'metadataX', message: 'is not a known field' },
    ];
    const byField = errorsByField(errors, FORM_FIELDS);
    expect(byField.get('model.hidden')).toEqual(['model.hidden[1]: must be > 0']);
    expect(byField.get('epochs')).toEqual(['must be <= 10000']);
    expect(byField.get('attacks')).toEqual(['attacks[0].steps: applies only to …']);
    expect(byField.get('epsilons')).toEqual(['epsilons[0].linspace.num: must be >= 2']);
    expect(byField.get('dataset.trainSize')).toEqual(['must be <= 60000 for fashion-mnist']);
    expect(byField.get('')).toEqual(['metadataX: is not a known field']);
  });
});
