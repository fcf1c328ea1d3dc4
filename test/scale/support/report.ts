import type { Outcome, Result } from './journey.js';

export interface ErrorWindow {
  errors: number;
  /** ms from the event to the first and the last failed answer */
  firstMs: number | null;
  lastMs: number | null;
  byResult: Partial<Record<Result, number>>;
}

export function windowOf(errors: Outcome[], from: number): ErrorWindow {
  const byResult: Partial<Record<Result, number>> = {};
  for (const e of errors) byResult[e.result] = (byResult[e.result] ?? 0) + 1;
  return {
    errors: errors.length,
    firstMs: errors.length ? Math.min(...errors.map((e) => e.doneAt)) - from : null,
    lastMs: errors.length ? Math.max(...errors.map((e) => e.doneAt)) - from : null,
    byResult,
  };
}

/** The table of what happened, on stdout. */
export function printReport(r: {
  vus: number;
  events: Record<string, number>;
  outcomes: Outcome[];
  killWindow: ErrorWindow;
  failoverWindow: ErrorWindow;
  checks: Record<string, number | string>;
}): void {
  const ops = [...new Set(r.outcomes.map((o) => o.op))];
  const results = [...new Set(r.outcomes.map((o) => o.result))];
  const durationS = (Math.max(...r.outcomes.map((o) => o.doneAt)) || 1) / 1000;
  const lines = [
    '',
    `scale-out run: ${r.vus} virtual users, ${r.outcomes.length} requests in ${durationS.toFixed(1)} s (${(r.outcomes.length / durationS).toFixed(1)}/s)`,
    '',
    'events (s after the load started): ' + Object.entries(r.events).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', '),
    '',
    ['operation'.padEnd(12), ...results.map((x) => x.padStart(12)), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8)].join(' '),
    ...ops.map((op) => {
      const mine = r.outcomes.filter((o) => o.op === op);
      const ok = mine.filter((o) => o.result === 'ok').map((o) => o.doneAt - o.sentAt).sort((a, b) => a - b);
      const pct = (p: number) => String(ok[Math.min(ok.length - 1, Math.floor(ok.length * p))] ?? '-');
      return [op.padEnd(12), ...results.map((x) => String(mine.filter((o) => o.result === x).length).padStart(12)), pct(0.5).padStart(8), pct(0.95).padStart(8)].join(' ');
    }),
    '',
    `errors after the SIGKILL:        ${JSON.stringify(r.killWindow)}`,
    `errors after the primary's stop: ${JSON.stringify(r.failoverWindow)}`,
    '',
    ...Object.entries(r.checks).map(([k, v]) => `${k.padEnd(44)} ${v}`),
    '',
  ];
  console.log(lines.join('\n'));
}
