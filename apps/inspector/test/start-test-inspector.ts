import type { Environment } from '@cruddur/contracts';
import { Inspector } from '../src/inspector';
import { readInspectorConfig } from '../src/inspector.config';

/**
 * An inspector on ports the OS picks (so suites never collide with each other or a running mesh),
 * with `env` for anything else (caps, body limit), read like the real process reads its variables.
 */
export function startTestInspector(env: Environment = {}): Promise<Inspector> {
  return Inspector.start(
    readInspectorConfig({
      INSPECTOR_PORT: '0',
      INSPECTOR_OTLP_PORT: '0',
      INSPECTOR_XRAY_PORT: '0',
      ...env,
    }),
  );
}
