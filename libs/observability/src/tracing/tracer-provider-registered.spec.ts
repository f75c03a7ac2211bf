import { trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { tracerProviderRegistered } from './tracer-provider-registered';

describe('tracerProviderRegistered', () => {
  afterEach(() => trace.disable());

  it('is false while no tracer provider is registered (telemetry off)', () => {
    trace.disable();
    expect(tracerProviderRegistered()).toBe(false);
  });

  it('is true once one is, and false again after it is removed', () => {
    trace.setGlobalTracerProvider(new TracerProvider());
    expect(tracerProviderRegistered()).toBe(true);
    trace.disable();
    expect(tracerProviderRegistered()).toBe(false);
  });
});
