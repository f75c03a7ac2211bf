#!/usr/bin/env node
/**
 * Where a process spent its CPU, by package: reads `.cpuprofile` files (from `node --cpu-prof`)
 * and sums each sample's time into the package of the function it was in (self time), and the
 * heaviest functions within. Fractions of a profile are robust on a shared, noisy machine where
 * absolute throughput is not.
 *
 *     node tools/bench/profile-by-package.mjs bench-results/profiles/2/gateway-*.cpuprofile [--top 12]
 *
 * Packages: an npm package (`@opentelemetry/sdk-trace`, `winston`), this repository's libraries by
 * folder (`@cruddur/observability/xray`), an app (`app:gateway`), Node's own code by module
 * (`node:http`), and V8's pseudo-frames (`(garbage collector)`, `(program)`). `(idle)` is left out
 * of the percentages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package a call frame's URL belongs to. */
export function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) {
    const module = url.slice('node:'.length).replace(/^internal\//, '');
    return `node:${module.split('/')[0]}`;
  }
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const lib = /\/(?:dist\/)?libs\/([^/]+)\/(?:dist\/|src\/)?([^/]+)?/.exec(path);
  if (lib) {
    const folder = lib[2] && !lib[2].includes('.') ? `/${lib[2]}` : '';
    return `@cruddur/${lib[1]}${folder}`;
  }
  const app = /\/(?:dist\/)?apps\/([^/]+)\//.exec(path);
  if (app) return `app:${app[1]}`;
  return '(other)';
}

/** Self time (µs) per package and per function, and the profile's total and idle time. */
export function aggregate(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the next delta to this sample.
    const delta = timeDeltas[i + 1] ?? 0;
    selfByNode.set(samples[i], (selfByNode.get(samples[i]) ?? 0) + Math.max(0, delta));
  }
  const packages = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of selfByNode) {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const name = packageOf(callFrame.url, callFrame.functionName);
    const entry = packages.get(name) ?? { micros: 0, functions: new Map() };
    entry.micros += micros;
    const file = callFrame.url ? callFrame.url.split('/').pop() : '';
    const fn = `${callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${callFrame.lineNumber + 1}` : ''}`;
    entry.functions.set(fn, (entry.functions.get(fn) ?? 0) + micros);
    packages.set(name, entry);
  }
  return { packages, total, idle };
}

/** Merges the aggregates of several profiles (several processes of one service, say). */
export function merge(aggregates) {
  const packages = new Map();
  let total = 0;
  let idle = 0;
  for (const result of aggregates) {
    total += result.total;
    idle += result.idle;
    for (const [name, entry] of result.packages) {
      const into = packages.get(name) ?? { micros: 0, functions: new Map() };
      into.micros += entry.micros;
      for (const [fn, micros] of entry.functions) {
        into.functions.set(fn, (into.functions.get(fn) ?? 0) + micros);
      }
      packages.set(name, into);
    }
  }
  return { packages, total, idle };
}

/** A markdown table: package, share of busy CPU, µs per request if `requests` given, top functions. */
export function formatAggregate({ packages, total }, { top = 12, functions = 3, requests } = {}) {
  const rows = [...packages.entries()].sort((a, b) => b[1].micros - a[1].micros).slice(0, top);
  const header = [
    'package',
    '% of busy CPU',
    ...(requests ? ['µs per request'] : []),
    'top functions',
  ];
  const lines = [header, header.map(() => '---')];
  for (const [name, entry] of rows) {
    const fns = [...entry.functions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, functions)
      .map(([fn, micros]) => `${fn} (${((100 * micros) / total).toFixed(1)})`)
      .join('; ');
    lines.push([
      `\`${name}\``,
      ((100 * entry.micros) / total).toFixed(1),
      ...(requests ? [(entry.micros / requests).toFixed(1)] : []),
      fns.replaceAll('|', '\\|'),
    ]);
  }
  return lines.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 12;
  const files = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--top');
  if (files.length === 0) {
    process.stderr.write('usage: profile-by-package.mjs <file.cpuprofile>... [--top N]\n');
    process.exit(2);
  }
  const result = merge(files.map((file) => aggregate(JSON.parse(readFileSync(file, 'utf8')))));
  process.stdout.write(
    `${files.length} profile(s), ${(result.total / 1000).toFixed(0)} ms busy, ${(result.idle / 1000).toFixed(0)} ms idle\n\n`,
  );
  process.stdout.write(`${formatAggregate(result, { top })}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
