// The API's JSON, written from api-service's records (jobs.JobView, jobs.JobPage, results.TrainingMetrics,
// results.RobustnessResults, artifacts.ArtifactView) and attack-service's gallery/index.json. Fields the API leaves
// out when null (@JsonInclude NON_NULL) are optional here.

export type JobKind = 'Train' | 'Evaluate';
export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export const JOB_STATUSES: JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function finished(status: JobStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';
}

/** jobs.JobView.Progress */
export interface Progress {
  percent?: number;
  phase?: string;
  etaSeconds?: number;
  samplesPerSecond?: number;
  heartbeatAt?: string;
}

/** jobs.JobView.Transition; `from` is absent for the submission. */
export interface Transition {
  from?: JobStatus;
  to: JobStatus;
  attempt: number;
  reason?: string;
  at: string;
}

/** jobs.JobView */
export interface JobView {
  id: string;
  kind: JobKind;
  status: JobStatus;
  specHash: string;
  name?: string;
  labels: Record<string, string>;
  attempt: number;
  maxAttempts: number;
  runs: number;
  reused: boolean;
  waitsFor?: string;
  cancelRequested: boolean;
  failureReason?: string;
  workerId?: string;
  progress?: Progress;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  spec?: Record<string, unknown>;
  timeline?: Transition[];
  links: Record<string, string>;
}

/** jobs.JobPage */
export interface JobPage {
  jobs: JobView[];
  nextCursor?: string;
}

/** results.TrainingMetrics.Epoch: losses and accuracies are null when the worker did not measure them. */
export interface Epoch {
  epoch: number;
  attempt: number;
  trainLoss: number | null;
  trainAccuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  learningRate: number | null;
  seconds: number;
}

/** results.TrainingMetrics */
export interface TrainingMetrics {
  jobId: string;
  epochs: Epoch[];
}

/** results.RobustnessResults.CurvePoint: accuracy null where undefined (no sample counted). */
export interface CurvePoint {
  epsilon: number;
  accuracy: number | null;
  samples: number;
}

/** results.RobustnessResults.Curve */
export interface Curve {
  label: string;
  kind: 'attack' | 'worst-case';
  norm: string;
  points: CurvePoint[];
}

export interface Severity {
  severity: number;
  accuracy: number | null;
  samples: number;
}

export interface Corruption {
  corruption: string;
  severities: Severity[];
  meanAccuracy: number | null;
}

export interface CorruptionTable {
  corruptions: Corruption[];
  meanAccuracy: number | null;
}

export interface WeightNoiseLevel {
  sigma: number;
  meanAccuracy: number | null;
  stdAccuracy: number | null;
  draws: number;
}

/** results.RobustnessResults */
export interface RobustnessResults {
  jobId: string;
  curves: Curve[];
  corruptions: CorruptionTable;
  weightNoise: WeightNoiseLevel[];
}

/** artifacts.ArtifactView */
export interface Artifact {
  name: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  attempt: number;
  createdAt: string;
  download: string;
}

/** artifacts.ArtifactController.ArtifactList */
export interface ArtifactList {
  jobId: string;
  artifacts: Artifact[];
}

/** attack-service's AdversarialGallery.Entry, as gallery/index.json lists it. */
export interface GallerySample {
  sample: number;
  label: number;
  cleanPrediction: number;
  adversarialPrediction: number;
  epsilon: number;
  perturbationNorm: number;
  perturbationScale: number;
  clean: string;
  adversarial: string;
  perturbation: string;
  scale: string;
}

/** AdversarialGallery.AttackEntries and Index */
export interface GalleryIndex {
  perturbationPixel: string;
  attacks: { curve: string; folder: string; norm: string; kind: string; samples: GallerySample[] }[];
}

/** robust-core's EvaluationWarning, in result.json's `warnings`. */
export interface EvaluationWarning {
  code: string;
  message: string;
}

/** The parts of result.json (robust-core's EvaluationResult) the dashboard reads. */
export interface EvaluationResultFile {
  samples: number;
  cleanAccuracy: number;
  warnings: EvaluationWarning[];
}

/** One entry of an RFC 9457 problem's `errors` (system.InvalidField). */
export interface InvalidField {
  field: string;
  message: string;
}

/** The API's application/problem+json body. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: InvalidField[];
}
