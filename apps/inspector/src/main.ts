import { readInspectorConfig } from './inspector.config';
import { Inspector } from './inspector';

/**
 * The inspector process: `npm start` runs it before the services, `npx nx serve inspector` alone.
 * It is deliberately not traced itself: its own spans would be exported to itself.
 */
async function main(): Promise<void> {
  const config = readInspectorConfig(process.env);
  const inspector = await Inspector.start(config);
  const { limits } = config;
  const lines = [
    `OTLP/HTTP traces on ${inspector.otlpTracesUrl}`,
    `X-Ray daemon datagrams on udp://${inspector.xrayDaemonAddress}`,
    config.store === 'memory'
      ? 'keeps telemetry in memory (INSPECTOR_STORE=<file> keeps it across restarts)'
      : `keeps telemetry in ${config.store.path} too (INSPECTOR_STORE)`,
    `keeps up to ${limits.maxTraces} traces / ${limits.maxSpans} spans, ${limits.maxLogEvents} log events, ${limits.maxXraySegments} X-Ray segments, ${limits.maxRollbarItems} Rollbar items`,
    `inspector listening on ${inspector.uiUrl}`,
  ];
  for (const line of lines) process.stdout.write(`${line}\n`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(0), 5000);
    timer.unref();
    void inspector.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
