import type { CostEstimate } from './pricing';
import type { Summary } from './stats';
import type { ThroughputResult } from './throughput';

/** What a bench run records per target and overall: bench/results.json, read by report.ts. */
export interface TargetResult {
  name: string;
  label: string;
  problems: string[];
  cold?: {
    requireMs: Summary;
    firstGetMs: Summary;
    firstPostMs: Summary;
    /** require + first GET + first POST, per run: the bench's cold (production goal). */
    requirePlusFirstMs: Summary;
    /**
     * require + first GET, per run: the independent harness's cold (non-production goal).
     * Absent from results written before it was recorded.
     */
    requirePlusFirstGetMs?: Summary;
    wallMs: Summary;
  };
  warm?: {
    get: { p50: number; p99: number; mean: number };
    post: { p50: number; p99: number; mean: number };
    /** p50 of each round; rounds run round-robin, so round i of two targets ran close in time. */
    roundP50?: { get: number[]; post: number[] };
  };
  size?: { bytes: number; gzipBytes: number };
  cost?: CostEstimate[];
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { node: string; cpus: string; cores: number; memoryGb: number };
  settings: {
    coldRuns: number;
    warmWarmup: number;
    warmRounds: number;
    warmCount: number;
    throughputSeconds: number;
  };
  targets: TargetResult[];
  throughput?: ThroughputResult[];
  /** Log redaction on the shipped bundle: an `eyJ…` path vs a plain one of the same length. */
  redaction?: RedactionResult;
}

export interface RedactionResult {
  pathBytes: number;
  jwtLikeP50Us: number;
  plainP50Us: number;
  /** jwtLike / plain: about 1 when redaction is linear in the input. */
  ratio: number;
}
