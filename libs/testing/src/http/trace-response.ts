const TRACE_RESPONSE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

/** The trace id a gateway response names in its W3C `traceresponse` header; throws without one. */
export function traceIdOf(response: Response): string {
  const header = response.headers.get('traceresponse');
  const match = header ? TRACE_RESPONSE.exec(header) : null;
  if (!match) throw new Error(`no valid traceresponse header: ${JSON.stringify(header)}`);
  return match[1];
}
