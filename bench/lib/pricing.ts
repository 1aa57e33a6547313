/**
 * AWS Lambda list prices (us-east-1) used for the cost estimates — the one place to update.
 * Requests: $0.20 per million. Duration: per GB-second, billed per 1 ms (rounded up).
 */
export const PRICE_PER_MILLION_REQUESTS = 0.2;
export const PRICE_PER_GB_SECOND = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;

/**
 * Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB. A local core is
 * taken as one vCPU, so a duration measured here is scaled by 1769 / memory below that size.
 * An estimate, not a measurement: real figures also depend on the CPU generation.
 */
export const MB_PER_VCPU = 1769;

export interface CostEstimate {
  memoryMb: number;
  estimatedMs: number;
  billedMs: number;
  usdPerMillion: { x86_64: number; arm64: number };
}

export function costPerMillion(localMicros: number, memoryMb: number): CostEstimate {
  const estimatedMs = (localMicros / 1000) * Math.max(1, MB_PER_VCPU / memoryMb);
  const billedMs = Math.max(1, Math.ceil(estimatedMs));
  const gbSeconds = (billedMs / 1000) * (memoryMb / 1024) * 1_000_000;
  return {
    memoryMb,
    estimatedMs,
    billedMs,
    usdPerMillion: {
      x86_64: PRICE_PER_MILLION_REQUESTS + gbSeconds * PRICE_PER_GB_SECOND.x86_64,
      arm64: PRICE_PER_MILLION_REQUESTS + gbSeconds * PRICE_PER_GB_SECOND.arm64,
    },
  };
}
