import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/** What the API's tracer provider delegates to while none is registered (its no-op provider). */
const NO_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * Whether a tracer provider is registered. With OTEL_SDK_DISABLED=true none is, and neither is a
 * context manager or a propagator: spans are no-ops, `context.with` sets nothing and nothing is
 * injected, so the transports skip their span and context work altogether (it was 6 % of
 * home-activities' CPU and 5 % of the gateway's with telemetry off, `node tools/bench/profile.mjs
 * --config 1`, for nothing). Checked per call, so a test can install tracing at any time.
 */
export function tracerProviderRegistered(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_PROVIDER;
}
