import { StoreJournal } from './store/store-journal';
import { INSPECTOR_VARIABLES, inspectorDialHost } from '@cruddur/contracts';
import { InspectorApi } from './api/inspector-api';
import { CloudWatchLogsEndpoint } from './endpoints/cloudwatch-logs.endpoint';
import { RollbarEndpoint } from './endpoints/rollbar.endpoint';
import type { InspectorConfig } from './inspector.config';
import { OTLP_TRACES_PATH, OtlpHttpReceiver } from './otlp/otlp-http.receiver';
import type { InspectorEndpoint } from './server/inspector-endpoint';
import { InspectorUiServer } from './server/ui-server';
import { TelemetryStore } from './store/telemetry-store';
import { XrayUdpReceiver } from './xray/xray-udp.receiver';

/** The ports the inspector actually bound (differs from the config when it asked for 0). */
export interface InspectorPorts {
  ui: number;
  otlp: number;
  xray: number;
}

/** The client APIs served on the UI port, made from the store they feed. */
export type EndpointFactory = (
  store: TelemetryStore,
  config: InspectorConfig,
) => InspectorEndpoint[];

/** The CloudWatch Logs and Rollbar APIs, on the UI port. */
export const defaultEndpoints: EndpointFactory = (store, config) => [
  new CloudWatchLogsEndpoint(store, config.maxBodyBytes, config.limits.maxLogEvents),
  new RollbarEndpoint(store, config.maxBodyBytes),
];

/**
 * The local inspector: one store, fed by the OTLP/HTTP receiver, the X-Ray UDP receiver and the
 * client APIs on the UI port, and read by the UI and its JSON API.
 */
export class Inspector {
  private constructor(
    readonly store: TelemetryStore,
    readonly ports: InspectorPorts,
    private readonly host: string,
    private readonly closers: Array<() => Promise<void>>,
    private readonly journal?: StoreJournal,
  ) {}

  /** Starts every receiver and the UI; on failure closes what started and names the variable. */
  static async start(
    config: InspectorConfig,
    endpoints: EndpointFactory = defaultEndpoints,
  ): Promise<Inspector> {
    const store = new TelemetryStore(config.limits);
    // Replayed before any receiver listens, so nothing new interleaves with the last session.
    const journal =
      config.store === 'memory' ? undefined : await StoreJournal.open(config.store.path, store);
    const otlp = new OtlpHttpReceiver(store, config.maxBodyBytes);
    const xray = new XrayUdpReceiver(store);
    const mounted = endpoints(store, config);
    const api = new InspectorApi(
      store,
      () => ({
        otlp: otlp.stats,
        xray: xray.stats,
        ...Object.fromEntries(mounted.map((endpoint) => [endpoint.name, endpoint.stats?.() ?? {}])),
        ...(journal ? { journal: journal.stats } : {}),
      }),
      () => ({
        refusals: [
          { signal: 'spans', received: otlp.stats.spans, reasons: otlp.refusedReasons.list() },
          {
            signal: 'X-Ray segments',
            received: xray.stats.segments + xray.stats.dropped,
            reasons: xray.droppedReasons.list(),
          },
          ...mounted.flatMap((endpoint) => (endpoint.refused ? [endpoint.refused()] : [])),
        ],
      }),
    );
    const ui = new InspectorUiServer(api, mounted, config.address.host);
    const closers: Array<() => Promise<void>> = [];
    const bind = async (variable: string, port: number, open: () => Promise<number>) => {
      try {
        return await open();
      } catch (error) {
        await Promise.all(closers.map((close) => close()));
        await journal?.close();
        const reason =
          (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'is in use' : 'failed';
        throw new Error(
          `inspector: binding ${config.address.host}:${port} ${reason} (${(error as Error).message}); set ${variable} to another port`,
          { cause: error },
        );
      }
    };
    const { host } = config.address;
    const ports = {} as InspectorPorts;
    ports.otlp = await bind(INSPECTOR_VARIABLES.otlpPort, config.address.otlpPort, () =>
      otlp.listen(config.address.otlpPort, host),
    );
    closers.push(() => otlp.close());
    ports.xray = await bind(INSPECTOR_VARIABLES.xrayPort, config.address.xrayPort, () =>
      xray.listen(config.address.xrayPort, host),
    );
    closers.push(() => xray.close());
    ports.ui = await bind(INSPECTOR_VARIABLES.uiPort, config.address.uiPort, () =>
      ui.listen(config.address.uiPort),
    );
    closers.push(() => ui.close());
    return new Inspector(store, ports, host, closers, journal);
  }

  /** The UI, e.g. http://127.0.0.1:16686 */
  get uiUrl(): string {
    return `http://${this.dialHost}:${this.ports.ui}`;
  }

  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://127.0.0.1:4318 */
  get otlpEndpoint(): string {
    return `http://${this.dialHost}:${this.ports.otlp}`;
  }

  /** The full traces URL. */
  get otlpTracesUrl(): string {
    return `${this.otlpEndpoint}${OTLP_TRACES_PATH}`;
  }

  /** The value for AWS_XRAY_DAEMON_ADDRESS, e.g. 127.0.0.1:2000 */
  get xrayDaemonAddress(): string {
    return `${this.dialHost}:${this.ports.xray}`;
  }

  /**
   * Stops every receiver and the UI, then writes what the journal has pending: what was taken
   * in up to the last answer is on disk.
   */
  async close(): Promise<void> {
    await Promise.all(this.closers.map((close) => close()));
    await this.journal?.close();
  }

  private get dialHost(): string {
    const host = inspectorDialHost(this.host);
    return host.includes(':') ? `[${host}]` : host;
  }
}
