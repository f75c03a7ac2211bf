import type { XRayEntityDocument } from './xray-segment-document';

/** The first line of every datagram sent to the X-Ray daemon. */
export const XRAY_DATAGRAM_HEADER = '{"format":"json","version":1}';

/**
 * The largest datagram the daemon takes: it reads into a 64 kB buffer, and UDP over IPv4 carries at
 * most 65,507 bytes. Header, newline and document together must fit.
 */
export const MAX_XRAY_DATAGRAM_BYTES = 64 * 1000;

/** Thrown for bytes that are not an X-Ray daemon datagram. */
export class XRayDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XRayDecodeError';
  }
}

/** `header\ndocument`, as the SDKs send it. */
export function encodeXRayDatagram(document: string | XRayEntityDocument): Buffer {
  const json = typeof document === 'string' ? document : JSON.stringify(document);
  return Buffer.from(`${XRAY_DATAGRAM_HEADER}\n${json}`, 'utf8');
}

/**
 * The segment (or independent subsegment) document of one datagram. Rejects a missing or different
 * header, JSON that does not parse, and documents without the fields every entity must have.
 */
export function decodeXRayDatagram(datagram: Buffer | string): XRayEntityDocument {
  const text = typeof datagram === 'string' ? datagram : datagram.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new XRayDecodeError('no header line: expected header, newline, document');
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    throw new XRayDecodeError('the header line is not JSON');
  }
  const { format, version } = (header ?? {}) as { format?: unknown; version?: unknown };
  if (format !== 'json' || version !== 1) {
    throw new XRayDecodeError(`unsupported header ${text.slice(0, Math.min(newline, 80))}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text.slice(newline + 1));
  } catch {
    throw new XRayDecodeError('the segment document is not JSON');
  }
  assertEntity(document, 'document');
  const { trace_id: traceId } = document;
  if (typeof traceId !== 'string') throw new XRayDecodeError('the document has no trace_id');
  if (document.type === 'subsegment' && typeof document.parent_id !== 'string') {
    throw new XRayDecodeError('an independent subsegment needs a parent_id');
  }
  return document;
}

function assertEntity(value: unknown, where: string): asserts value is XRayEntityDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XRayDecodeError(`${where} is not an object`);
  }
  const entity = value as Record<string, unknown>;
  if (typeof entity.id !== 'string' || !/^[0-9a-f]{16}$/.test(entity.id)) {
    throw new XRayDecodeError(`${where} has no 16-hex-digit id`);
  }
  if (typeof entity.name !== 'string' || entity.name.length === 0) {
    throw new XRayDecodeError(`${where} has no name`);
  }
  if (typeof entity.start_time !== 'number') {
    throw new XRayDecodeError(`${where} has no numeric start_time`);
  }
  if (entity.end_time === undefined && entity.in_progress !== true) {
    throw new XRayDecodeError(`${where} has neither end_time nor in_progress`);
  }
  if (entity.subsegments !== undefined) {
    if (!Array.isArray(entity.subsegments)) {
      throw new XRayDecodeError(`${where}.subsegments is not an array`);
    }
    entity.subsegments.forEach((child, index) =>
      assertEntity(child, `${where}.subsegments[${index}]`),
    );
  }
}
