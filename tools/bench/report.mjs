/** Turns the benchmark's measurements into the markdown table it prints and writes. */
import os from 'node:os';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const range = (values, digits = 2) =>
  values.length > 1
    ? ` (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`
    : '';

export function formatReport({ rounds, sustained, settings, quick, seconds }) {
  const ids = rounds[0].map((result) => result.id);
  const rows = ids.map((id) => {
    const runs = rounds.map((results) => results.find((result) => result.id === id));
    // Each row against its own baseline: (1), or the NATS rows against NATS with telemetry off.
    const baselines = rounds.map((results, i) =>
      results.find((result) => result.id === runs[i].baseline),
    );
    const ratios = runs.map((run, i) => run.reqPerSec / baselines[i].reqPerSec);
    const addedP99 = runs.map((run, i) => run.p99 - baselines[i].p99);
    const spans = runs.reduce((sum, run) => sum + run.spans, 0);
    const expected = runs.every((run) => run.expectedSpans !== undefined)
      ? runs.reduce((sum, run) => sum + run.expectedSpans, 0)
      : undefined;
    const requests = runs.reduce((sum, run) => sum + run.requests, 0);
    const segments = runs.reduce((sum, run) => sum + run.xraySegments, 0);
    const logLines = runs.reduce((sum, run) => sum + run.requestLogLines, 0);
    const expectedLogLines = runs.every((run) => run.expectedLogLines !== undefined)
      ? runs.reduce((sum, run) => sum + run.expectedLogLines, 0)
      : undefined;
    const rss = ['gateway', 'homeActivities', 'notifications'].map((name) =>
      Math.max(...runs.map((run) => run.rss[name])),
    );
    const cpu = ['gateway', 'homeActivities', 'broker']
      .filter((name) => runs[0].cpuPerRequest[name] !== undefined)
      .map((name) => median(runs.map((run) => run.cpuPerRequest[name] * 1000)));
    return [
      `(${id}) ${runs[0].name}${runs[0].baseline !== '1' ? ` — ratio to (${runs[0].baseline})` : ''}`,
      fixed(median(runs.map((run) => run.reqPerSec)), 0),
      fixed(median(runs.map((run) => run.p50)), 1),
      fixed(median(runs.map((run) => run.p99)), 1),
      `${fixed(median(ratios))}${range(ratios)}`,
      id === runs[0].baseline ? '–' : `${fixed(median(addedP99), 1)}`,
      expected === undefined
        ? `${spans} (${fixed(spans / requests, 1)}/req)`
        : `${spans} / ${expected} (lost ${expected - spans}; ${runs.reduce((sum, run) => sum + run.incompleteTraces, 0)} incomplete traces)`,
      expectedLogLines === undefined
        ? `${logLines}`
        : `${logLines} / ${expectedLogLines} (lost ${Math.max(0, expectedLogLines - logLines)})`,
      fixed(segments / requests, 2),
      cpu.map((us) => fixed(us, 0)).join(' / '),
      rss.map((mb) => fixed(mb, 0)).join(' / '),
      String(runs.reduce((sum, run) => sum + run.errors, 0)),
    ];
  });
  const header = [
    'configuration',
    'req/s',
    'p50 ms',
    'p99 ms',
    'ratio to (1) or the named baseline (min–max)',
    'added p99 ms',
    'spans received / expected',
    'request log lines at CloudWatch / 2 per answered request',
    'X-Ray segments per request',
    'CPU µs per request gw / home (all replicas) / broker',
    'peak RSS MB gw / home / notif',
    'failed requests',
  ];
  const table = [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
  const lostSustained = sustained.expectedSpans - sustained.spans;
  const incompleteSustained = sustained.incompleteTraces;
  return [
    `# Benchmarks${quick ? ' (quick smoke run — not representative)' : ''}`,
    '',
    `Produced by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}; ${fixed(seconds, 0)} s in all.`,
    `GET /api/activities/home (gateway → TCP → home-activities; the N rows gateway → NATS → home-activities, through one local nats-server) with autocannon, ${settings.connections} connections, ${settings.measureSeconds} s measured after ${settings.warmupSeconds} s warm-up, fresh services each time; ${settings.rounds} round(s) alternating the configurations. Medians; ratios in brackets are min–max over the rounds, each against (1) — or the baseline the row names — of the same round. The machine is shared and noisy: compare ratios, not absolute numbers.`,
    '',
    table,
    '',
    `Sustained load (configuration 2): ${sustained.requests} requests at ${settings.sustainedRate} req/s for ${settings.sustainedSeconds} s (achieved ${fixed(sustained.reqPerSec, 0)} req/s, p99 ${fixed(sustained.p99, 1)} ms, ${sustained.errors} failed): ${sustained.spans} spans received of ${sustained.expectedSpans} expected — **${lostSustained} lost** (${incompleteSustained} traces incomplete); ${sustained.requestLogLines} of ${sustained.expectedLogLines} request log lines reached CloudWatch Logs — **${Math.max(0, sustained.expectedLogLines - sustained.requestLogLines)} lost** (requests still in flight when the load stops add a few lines beyond 2 per answered request).`,
  ].join('\n');
}
