/**
 * What a Rollbar item says, read out of its `data` (Rollbar's item schema): the exceptions of
 * `body.trace` or `body.trace_chain`, each with its frames innermost first as Rollbar shows
 * them, or the message of `body.message`.
 */
export function rollbarSummary(item) {
  const body = item.data?.body ?? {};
  const traces = Array.isArray(body.trace_chain)
    ? body.trace_chain
    : body.trace
      ? [body.trace]
      : [];
  const exceptions = traces.map((trace) => ({
    className: String(trace.exception?.class ?? 'Error'),
    message: String(trace.exception?.message ?? ''),
    description: trace.exception?.description ? String(trace.exception.description) : undefined,
    // Rollbar sends frames outermost first; the throwing frame reads best at the top.
    frames: (Array.isArray(trace.frames) ? trace.frames : [])
      .map((frame) => ({
        where: `${frame.filename ?? '?'}${frame.lineno ? `:${frame.lineno}` : ''}${frame.colno ? `:${frame.colno}` : ''}`,
        method: frame.method ? String(frame.method) : '',
        code: frame.code ? String(frame.code) : '',
      }))
      .reverse(),
  }));
  const message = typeof body.message?.body === 'string' ? body.message.body : undefined;
  return {
    title: item.title,
    level: item.level,
    environment: item.environment,
    exceptions,
    message,
    request: item.data?.request?.url
      ? `${item.data.request.method ?? ''} ${item.data.request.url}`.trim()
      : undefined,
  };
}
