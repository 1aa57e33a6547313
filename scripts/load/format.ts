/** Number formatting for the progress line, the summary and the log. */

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function ms(n: number): string {
  return Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1);
}
