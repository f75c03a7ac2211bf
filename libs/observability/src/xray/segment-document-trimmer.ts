import type { XRayEntityDocument } from '@cruddur/telemetry-wire';

/** A document that fits, and what had to go to make it fit. */
export interface FittedDocument {
  json: string;
  /** `<entity name>: metadata.<namespace>.<key>` for each trimmed value, `… subsegments` for dropped ones. */
  trimmed: string[];
}

/** What a trimmed metadata value is replaced by: its size and its beginning. */
export interface TrimmedValue {
  trimmed: true;
  originalBytes: number;
  preview: string;
}

const PREVIEW_CHARACTERS = 256;

/**
 * Makes a segment document fit in `maxBytes` of UTF-8 JSON. Large metadata values go first, biggest
 * first, each replaced by a `TrimmedValue` marker that says it was trimmed and how big it was; if
 * that is not enough, the last subsegments are dropped and counted in `metadata.xray`. Returns
 * undefined only when even the bare segment cannot fit.
 */
export function fitSegmentDocument(
  document: XRayEntityDocument,
  maxBytes: number,
): FittedDocument | undefined {
  let json = JSON.stringify(document);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most documents need no byte count at all.
  if (json.length * 3 <= maxBytes || Buffer.byteLength(json) <= maxBytes) {
    return { json, trimmed: [] };
  }

  const copy = JSON.parse(json) as XRayEntityDocument;
  const trimmed: string[] = [];
  const values = metadataValues(copy).sort((a, b) => b.bytes - a.bytes);
  for (const value of values) {
    if (value.bytes <= PREVIEW_CHARACTERS * 2) break;
    value.replace();
    trimmed.push(value.path);
    json = JSON.stringify(copy);
    if (Buffer.byteLength(json) <= maxBytes) return { json, trimmed };
  }

  let dropped = 0;
  while (copy.subsegments && copy.subsegments.length > 0) {
    copy.subsegments.pop();
    dropped++;
    copy.metadata = {
      ...copy.metadata,
      xray: { ...copy.metadata?.xray, dropped_subsegments: dropped },
    };
    json = JSON.stringify(copy);
    if (Buffer.byteLength(json) <= maxBytes) {
      return { json, trimmed: [...trimmed, `${copy.name}: ${dropped} subsegments`] };
    }
  }
  return undefined;
}

function metadataValues(
  entity: XRayEntityDocument,
): Array<{ path: string; bytes: number; replace: () => void }> {
  const found: Array<{ path: string; bytes: number; replace: () => void }> = [];
  for (const [namespace, entries] of Object.entries(entity.metadata ?? {})) {
    for (const [key, value] of Object.entries(entries ?? {})) {
      const serialized = JSON.stringify(value) ?? '';
      const bytes = Buffer.byteLength(serialized);
      found.push({
        path: `${entity.name}: metadata.${namespace}.${key}`,
        bytes,
        replace: () => {
          const marker: TrimmedValue = {
            trimmed: true,
            originalBytes: bytes,
            preview: serialized.slice(0, PREVIEW_CHARACTERS),
          };
          entries[key] = marker;
        },
      });
    }
  }
  for (const child of entity.subsegments ?? []) found.push(...metadataValues(child));
  return found;
}
