import { SECRET_EXAMPLES } from '@cruddur/testing';
import { makeSpan, spanIdOf, traceIdOf } from '../../test/span-fixtures';
import { SCRUBBED, scrubSecrets } from './secret-scrubber';
import { TelemetryStore } from './telemetry-store';

/** Every shared example name and ordinary name, each with a value of its own. */
const fields = () =>
  Object.fromEntries(
    [...SECRET_EXAMPLES.names, ...SECRET_EXAMPLES.ordinaryNames].map((name, i) => [
      name,
      `value-${i}`,
    ]),
  );

function expectScrubbed(scrubbed: Record<string, unknown>): void {
  for (const name of SECRET_EXAMPLES.names)
    expect({ name, value: scrubbed[name] }).toEqual({ name, value: SCRUBBED });
  for (const name of SECRET_EXAMPLES.ordinaryNames) expect(scrubbed[name]).toMatch(/^value-\d+$/);
}

describe('the secret scrubber, on the shared secret examples', () => {
  it('scrubs the value of every secret name at any depth, and only those', () => {
    const scrubbed = scrubSecrets({ data: { custom: fields() } });
    expectScrubbed(scrubbed.data.custom);
  });

  it('scrubs span attributes and Rollbar items as the store takes them in', () => {
    const store = new TelemetryStore();
    store.ingestSpans([
      makeSpan({ traceId: traceIdOf(1), spanId: spanIdOf(1), attributes: fields() }),
    ]);
    expectScrubbed(store.trace(traceIdOf(1))!.spans[0].attributes);
    const item = store.ingestRollbarItem({ data: { custom: fields() } });
    expectScrubbed(item.data.custom as Record<string, unknown>);
  });
});
