import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveXRayOptions } from './xray.options';
import { DEFAULT_SAMPLING_RULES_PATH } from './xray.constants';

describe('resolveXRayOptions', () => {
  it("names segments after OTEL_SERVICE_NAME when it is set, as every other backend's name", () => {
    expect(resolveXRayOptions('gateway', {}, { OTEL_SERVICE_NAME: 'edge' }).segmentName).toBe(
      'edge',
    );
    expect(resolveXRayOptions('gateway', {}, {}).segmentName).toBe('gateway');
  });

  it('lets AWS_XRAY_TRACING_NAME name the segments over both', () => {
    const env = { OTEL_SERVICE_NAME: 'edge', AWS_XRAY_TRACING_NAME: 'front-door' };
    expect(resolveXRayOptions('gateway', {}, env).segmentName).toBe('front-door');
  });

  it("finds the repository's rule file from any working directory", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'xray-cwd-'));
    const previous = process.cwd();
    try {
      process.chdir(elsewhere);
      expect(existsSync(DEFAULT_SAMPLING_RULES_PATH)).toBe(true);
      const options = resolveXRayOptions('gateway', {}, {});
      // The journals' rule (5 a second, then 10%), not X-Ray's built-in default (1, then 5%).
      expect(options.samplingRules[0]).toMatchObject({ ReservoirSize: 5, FixedRate: 0.1 });
      expect(options.samplingRulesConfigured).toBe(false);
    } finally {
      process.chdir(previous);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
