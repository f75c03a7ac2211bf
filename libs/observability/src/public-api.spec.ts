import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as barrel from './index';
import * as instrumentEntry from './instrument';
import * as operationsEntry from './operations/index';

/**
 * Every name `index.ts` exports, with who needs it. The list is here so that widening or narrowing
 * the library's public surface is a decision someone writes down, not a side effect of an edit.
 * Names only specs need stay internal (`@cruddur/observability/internal/*`).
 */
const PUBLIC_VALUES: Record<string, string> = {
  ObservabilityModule: 'every service: app.module.ts',
  bootstrapHttpService: 'gateway: main.ts',
  bootstrapMicroservice: 'home-activities, notifications: main.ts',
  ShutdownDeadline: "gateway: the downstream clients' close within the shutdown's time",
  Span: 'home-activities, notifications: custom spans (nestjs-otel)',
  TraceService: 'home-activities, notifications: the active span (nestjs-otel)',
  AppAttributes: 'home-activities, notifications: span attribute keys',
  XRayService: 'X-Ray annotations and metadata in handlers (docs/xray.md)',
  XRaySubsegment: 'home-activities, notifications: the X-Ray subsegment of a @Span',
  inXRaySubsegment: 'the same around a block of code (docs/xray.md)',
  USER_HANDLE_HEADER: 'gateway: config and activities controller',
  parseUserHandle: 'gateway: activities controller',
  TracingClientTcp: 'gateway: its clients of the services over TCP',
  TracingServerTcp: "a service's own TCP strategy (bootstrapMicroservice uses it; README)",
  TracingClientNats: 'gateway: its clients of the services over NATS',
  TracingServerNats: "a service's own NATS strategy (bootstrapMicroservice uses it)",
  injectContext: 'the carrier, for another transport (README)',
  extractContext: 'the carrier, for another transport (README)',
  injectIntoPacket: 'the carrier, for another transport (README)',
  extractFromPacket: 'the carrier, for another transport (README)',
  readMicroserviceTransport: 'gateway: config (MICROSERVICE_TRANSPORT)',
  readNatsSettings: 'gateway: config (NATS_*)',
  toNatsConnectionOptions: 'gateway: its NATS clients',
  NATS_UNAVAILABLE_CODES: 'gateway: which failures mean "not there" (503)',
  isRetryableRequestError: 'gateway: which NATS reads are sent once more',
  RollbarReporter: 'gateway: /rollbar/test',
  httpRequestDetails: 'gateway: /rollbar/test',
  markReportedBy: 'gateway: errors another service already reported',
  resolveTraceExportTarget: "gateway: the telemetry relay forwards where the gateway's spans go",
};

const PUBLIC_TYPES: Record<string, string> = {
  ObservabilityModuleOptions: 'forRoot / forRootAsync factories',
  TraceFieldsContributor: 'ObservabilityModuleOptions.logging.traceFields',
  HttpServiceOptions: 'bootstrapHttpService',
  MicroserviceOptions: 'bootstrapMicroservice',
  XRayFields: 'XRaySubsegment / inXRaySubsegment',
  TracingTcpClientOptions: 'gateway: its TCP client',
  TracingTcpServerOptions: 'TracingServerTcp',
  TracingNatsClientOptions: 'TracingClientNats',
  TracingNatsServerOptions: 'TracingServerNats',
  PacketHeaders: 'injectContext / extractContext',
  MicroserviceTransport: 'gateway: config',
  NatsSettings: 'gateway: config',
  HttpRequestLike: 'gateway: /rollbar/test',
};

/** The entry loaded before Nest (`@cruddur/observability/instrument`). */
const INSTRUMENT_VALUES: Record<string, string> = {
  startTelemetry: 'every service: instrument.ts',
  AppAttributes: 'home-activities, notifications: constants that must not load Nest',
};

const INSTRUMENT_TYPES: Record<string, string> = {
  TelemetryOptions: 'startTelemetry',
  Telemetry: 'what startTelemetry returns, passed to the bootstrap helpers',
  XRayOptions: 'TelemetryOptions.xray',
};

/** The backends' small mechanisms (`@cruddur/observability/operations`), for an app with a backend of its own. */
const OPERATIONS_VALUES: Record<string, string> = {
  describeError: "gateway: the downstream outage and the relay's failure lines",
  OutageReporter: "gateway: the downstream outage and the relay's outage lines",
  PendingWork: 'the flush of work still in flight (Rollbar, X-Ray)',
};

const OPERATIONS_TYPES: Record<string, string> = {
  ErrorDetail: 'describeError',
  EndedOutage: 'OutageReporter: the recovery line',
  Outage: 'OutageReporter: the outage line',
  OutageLines: 'OutageReporter: its two lines',
};

interface DeclaredExports {
  values: string[];
  types: string[];
  /** `export * from …` statements, which would publish a file's every export unseen. */
  wildcards: string[];
}

/** The names an entry file exports, read from its source (types leave nothing at run time). */
function declaredExports(file: string): DeclaredExports {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(__dirname, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const found: DeclaredExports = { values: [], types: [], wildcards: [] };
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
      found.wildcards.push(statement.getText(source));
      continue;
    }
    for (const element of statement.exportClause.elements) {
      const isType = statement.isTypeOnly || element.isTypeOnly;
      (isType ? found.types : found.values).push(element.name.text);
    }
  }
  return found;
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe.each([
  { entry: 'index.ts', loaded: barrel, values: PUBLIC_VALUES, types: PUBLIC_TYPES },
  {
    entry: 'instrument.ts',
    loaded: instrumentEntry,
    values: INSTRUMENT_VALUES,
    types: INSTRUMENT_TYPES,
  },
  {
    entry: 'operations/index.ts',
    loaded: operationsEntry,
    values: OPERATIONS_VALUES,
    types: OPERATIONS_TYPES,
  },
])('the public API in $entry', ({ entry, loaded, values, types }) => {
  const declared = declaredExports(entry);

  it('names every export (no export *)', () => {
    expect(declared.wildcards).toEqual([]);
  });

  it('exports exactly the listed values', () => {
    expect(sorted(declared.values)).toEqual(sorted(Object.keys(values)));
  });

  it('exports exactly the listed types', () => {
    expect(sorted(declared.types)).toEqual(sorted(Object.keys(types)));
  });

  it('has every listed value at run time, and nothing else', () => {
    expect(sorted(Object.keys(loaded))).toEqual(sorted(Object.keys(values)));
    for (const name of Object.keys(values)) {
      expect(loaded[name as keyof typeof loaded]).toBeDefined();
    }
  });
});
