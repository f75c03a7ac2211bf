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
 * of the percentages. `--skip-ms N` leaves out start-up; `--by-caller` charges native and Node
 * frames to the package that called them.
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

/** Frames that do work on someone else's behalf: native code, Node's own modules, V8 helpers. */
const isRuntime = (name) => name === '(native)' || name.startsWith('node:');

/**
 * Self time (µs) per package and per function, and the profile's total and idle time.
 *
 * - `skipMs`: leaves out the first milliseconds of the profile (start-up, module loading).
 * - `byCaller`: charges native code and Node's own modules to the nearest package up the stack
 *   that called them (`writeUtf8String` under winston's stream transport is logging's cost, under
 *   Nest's TCP socket the transport's); the function column then names the runtime frame.
 */
export function aggregate(profile, { skipMs = 0, byCaller = false } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const selfByNode = new Map();
  const { samples, timeDeltas } = profile;
  let elapsed = 0;
  for (let i = 0; i < samples.length; i++) {
    elapsed += timeDeltas[i] ?? 0;
    if (elapsed < skipMs * 1000) continue;
    // timeDeltas[i] is the time before sample i; attribute the next delta to this sample.
    const delta = timeDeltas[i + 1] ?? 0;
    selfByNode.set(samples[i], (selfByNode.get(samples[i]) ?? 0) + Math.max(0, delta));
  }
  const chargedTo = (id) => {
    for (let current = parents.get(id); current !== undefined; current = parents.get(current)) {
      const { callFrame } = nodes.get(current);
      const name = packageOf(callFrame.url, callFrame.functionName);
      if (!isRuntime(name) && !name.startsWith('(')) return name;
    }
    return undefined;
  };
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
    const own = packageOf(callFrame.url, callFrame.functionName);
    const name = byCaller && isRuntime(own) ? (chargedTo(id) ?? own) : own;
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
  const value = (name) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const top = value('--top') ?? 12;
  const skipMs = value('--skip-ms') ?? 0;
  const byCaller = args.includes('--by-caller');
  const files = args.filter(
    (arg, i) => !arg.startsWith('--') && !['--top', '--skip-ms'].includes(args[i - 1]),
  );
  if (files.length === 0) {
    process.stderr.write(
      'usage: profile-by-package.mjs <file.cpuprofile>... [--top N] [--skip-ms N] [--by-caller]\n',
    );
    process.exit(2);
  }
  const result = merge(
    files.map((file) => aggregate(JSON.parse(readFileSync(file, 'utf8')), { skipMs, byCaller })),
  );
  process.stdout.write(
    `${files.length} profile(s), ${(result.total / 1000).toFixed(0)} ms busy, ${(result.idle / 1000).toFixed(0)} ms idle\n\n`,
  );
  process.stdout.write(`${formatAggregate(result, { top })}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
