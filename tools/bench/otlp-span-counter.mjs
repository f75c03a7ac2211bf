/**
 * Counts the spans of an OTLP protobuf ExportTraceServiceRequest per trace id by walking the wire
 * format, without decoding attributes or building objects. The benchmark's sink shares the two
 * cores with the services it measures, so it must be cheap; the tests decode fully with
 * @cruddur/telemetry-wire, and bench.mjs cross-checks this counter against that decoder once.
 *
 *   ExportTraceServiceRequest.resource_spans = 1 → ResourceSpans.scope_spans = 2
 *   → ScopeSpans.spans = 2 → Span.trace_id = 1 (16 bytes)
 */
function* fields(buffer, start, end) {
  let offset = start;
  while (offset < end) {
    let key = 0;
    let shift = 0;
    let byte;
    do {
      byte = buffer[offset++];
      key += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      while (buffer[offset++] & 0x80);
      yield { field, wireType };
    } else if (wireType === 1) {
      offset += 8;
    } else if (wireType === 5) {
      offset += 4;
    } else if (wireType === 2) {
      let length = 0;
      shift = 0;
      do {
        byte = buffer[offset++];
        length += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      yield { field, wireType, start: offset, end: offset + length };
      offset += length;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

/** Calls `onSpan(traceIdHex)` for every span in the request. */
export function countSpans(buffer, onSpan) {
  for (const resourceSpans of fields(buffer, 0, buffer.length)) {
    if (resourceSpans.field !== 1 || resourceSpans.wireType !== 2) continue;
    for (const scopeSpans of fields(buffer, resourceSpans.start, resourceSpans.end)) {
      if (scopeSpans.field !== 2 || scopeSpans.wireType !== 2) continue;
      for (const span of fields(buffer, scopeSpans.start, scopeSpans.end)) {
        if (span.field !== 2 || span.wireType !== 2) continue;
        for (const spanField of fields(buffer, span.start, span.end)) {
          if (spanField.field === 1 && spanField.wireType === 2) {
            onSpan(buffer.toString('hex', spanField.start, spanField.end));
            break;
          }
        }
      }
    }
  }
}
