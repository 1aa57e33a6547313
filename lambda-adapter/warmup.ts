/**
 * A warm-up ping: an EventBridge scheduled event, or `{ "warmer": true }` from a custom
 * warmer. Answered without entering Express, so it never counts as an API request.
 */
export function isWarmupEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { warmer?: unknown; source?: unknown; 'detail-type'?: unknown };
  return e.warmer === true || (e.source === 'aws.events' && e['detail-type'] === 'Scheduled Event');
}

export const WARMUP_RESULT = { warmed: true } as const;
