import type { XraySegmentDocument } from '../store/telemetry-records';

/**
 * Parsing of one X-Ray daemon datagram: the header line `{"format":"json","version":1}`, a newline,
 * then one segment (or independent subsegment) document as JSON. Kept alone in this file so the
 * shared decoder in @cruddur/telemetry-wire (src/xray/) can replace it without touching the
 * receiver: swap `parseXrayDatagram` for the shared one.
 */
export class XrayDatagramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XrayDatagramError';
  }
}

const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

/** The segment document a datagram carries; throws XrayDatagramError saying what is wrong. */
export function parseXrayDatagram(datagram: Buffer): XraySegmentDocument {
  const text = datagram.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0)
    throw new XrayDatagramError('no header line (expected {"format":"json","version":1}\\n)');
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    throw new XrayDatagramError('the header line is not JSON');
  }
  const { format, version } = (header ?? {}) as { format?: unknown; version?: unknown };
  if (format !== 'json' || version !== 1) {
    throw new XrayDatagramError(`unsupported header ${text.slice(0, Math.min(newline, 80))}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text.slice(newline + 1));
  } catch (error) {
    throw new XrayDatagramError(`the segment is not JSON: ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new XrayDatagramError('the segment is not a JSON object');
  }
  const segment = document as Partial<XraySegmentDocument>;
  if (typeof segment.trace_id !== 'string' || !XRAY_TRACE_ID.test(segment.trace_id)) {
    throw new XrayDatagramError(`trace_id must look like 1-5759e988-bd862e3fe1be46a994272793`);
  }
  if (typeof segment.id !== 'string' || !SEGMENT_ID.test(segment.id)) {
    throw new XrayDatagramError('id must be 16 hex digits');
  }
  if (typeof segment.name !== 'string' || !segment.name) {
    throw new XrayDatagramError('name is required');
  }
  if (typeof segment.start_time !== 'number') {
    throw new XrayDatagramError('start_time must be a number of seconds');
  }
  return segment as XraySegmentDocument;
}
