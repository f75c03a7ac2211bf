import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { HttpError } from './http-error';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * The request body, at most `maxBytes` long both as sent and once un-gzipped (a small gzip bomb
 * must not become a huge buffer). A larger Content-Length is refused before reading; a body that
 * grows past the limit is cut off. Both answer 413.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    throw new HttpError(413, `body of ${declared} bytes is over the limit of ${maxBytes} bytes`);
  }
  const raw = await collect(request, maxBytes);
  return decompress(raw, request.headers['content-encoding'], maxBytes);
}

function collect(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        request.off('data', onData);
        // Keep draining (discarding) so the 413 can still be written on this connection.
        request.resume();
        reject(new HttpError(413, `body is over the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    request.once('error', reject);
  });
}

async function decompress(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new HttpError(415, `Content-Encoding ${encoding} is not supported (use gzip or none)`);
  }
  try {
    const inflater = encoding === 'gzip' ? gunzipAsync : inflateAsync;
    return await inflater(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpError(413, `body is over the limit of ${maxBytes} bytes once decompressed`);
    }
    throw new HttpError(400, `body is not valid ${encoding}: ${(error as Error).message}`);
  }
}
