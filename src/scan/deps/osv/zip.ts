/**
 * Reads the entries of a zip with Node's native zlib: OSV exports are thousands of small deflated
 * JSON files, and native inflate is several times faster than a JavaScript one. Zip64 archives and
 * anything unusual fall back to fflate, which handles every variant.
 */
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function unzipEntries(data: Buffer, accept: (name: string) => boolean): Array<[string, Buffer | Uint8Array]> {
  const fast = nativeUnzip(data, accept);
  if (fast) return fast;
  return Object.entries(unzipSync(data, { filter: (e) => accept(e.name) }));
}

function nativeUnzip(data: Buffer, accept: (name: string) => boolean): Array<[string, Buffer]> | null {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return null; // zip64
  const out: Array<[string, Buffer]> = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL) return null;
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!accept(name)) continue;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) return null;
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const body = data.subarray(start, start + compressed);
    if (method === 0) out.push([name, body]);
    else if (method === 8) out.push([name, inflateRawSync(body)]);
    else return null;
  }
  return out;
}
