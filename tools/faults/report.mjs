/** Renders the fault suite's results as the Markdown tables `npm run test:faults` prints. */

const pad = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) => `| ${row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(rows[0]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n');
};

const mark = (problems) => (problems.length ? `**FAIL**: ${problems.join('; ')}` : 'pass');
const exits = (run) =>
  Object.entries(run.exits)
    .map(
      ([name, exit]) =>
        `${name.replace('homeActivities', 'home').replace('notifications', 'notif')} ${exit.code ?? exit.signal}/${(exit.ms / 1000).toFixed(1)}s`,
    )
    .join(', ');
const delivered = (run) =>
  Object.entries(run.delivery ?? {})
    .map(([backend, { owed, delivered: got }]) => `${backend} ${got}/${owed}`)
    .join(', ');

/** The fault matrix: one row per backend × fault (and the healthy baseline). */
export function matrixTable(runs, baselineP99) {
  const rows = [
    [
      'backend',
      'fault',
      'requests',
      'failed',
      'p99 ms',
      'p99 / normal',
      'RSS Δ MB',
      'in flight at SIGTERM (lost)',
      'exit code/time',
      'healthy backends got/owed',
      'verdict',
    ],
  ];
  for (const run of runs) {
    rows.push([
      run.faulty ?? '(none)',
      run.fault ?? 'normal',
      run.requests,
      run.failed,
      run.p99.toFixed(1),
      `${(run.p99 / baselineP99).toFixed(2)}`,
      run.rssMeasured ? run.rssGrowthMb.toFixed(1) : 'n/a',
      `${run.inFlightAtSignal} (${run.inFlightFailed})`,
      exits(run),
      delivered(run),
      mark(run.problems),
    ]);
  }
  return pad(rows);
}

/** The SIGTERM-right-after-a-burst runs. */
export function burstTable(runs) {
  const rows = [
    [
      'run',
      'requests',
      'failed',
      'exit code/time',
      'delivered/owed (spans, segments, log events, items)',
      'verdict',
    ],
  ];
  runs.forEach((run, i) =>
    rows.push([i + 1, run.requests, run.failed, exits(run), delivered(run), mark(run.problems)]),
  );
  return pad(rows);
}

/** The hostile-input cases. */
export function hostileTable(hostile) {
  const rows = [['target', 'input', 'answer', 'verdict']];
  // Names such as __proto__ in code spans: bare, Markdown reads the underscores as emphasis.
  const code = (text) => text.replace(/(__\w+__|hasOwnProperty|constructor|toString)/g, '`$1`');
  for (const c of hostile.cases)
    rows.push([c.target, code(c.input), c.answer, c.ok ? 'pass' : '**FAIL**']);
  return pad(rows);
}

/** The killed-downstream run. */
export function outageTable(outage) {
  return pad([
    [
      'requests',
      '503',
      '504',
      'outage WARN lines',
      'recovery lines',
      'socket-error lines',
      'ERROR lines',
      'Rollbar items',
      'WARN has trace_id',
      'verdict',
    ],
    [
      outage.requests,
      outage.answered503,
      outage.answered504,
      outage.outageWarnings,
      outage.recoveryLines,
      outage.socketErrorLines,
      outage.errorLines,
      outage.rollbarItems,
      outage.warningHasTraceId ? 'yes' : 'no',
      mark(outage.problems),
    ],
  ]);
}
