// Binary replies: the IEEE 488.2 block header, a short summary, and samples decoded as the user asks.

/** Splits an IEEE 488.2 block (#<n><length><data>, or #0<data> with no length) into its data; null when it is none. */
export function blockData(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x23) return null;
  const digits = bytes[1] - 0x30;
  if (digits < 0 || digits > 9) return null;
  if (digits === 0) {
    let end = bytes.length;
    if (end > 2 && bytes[end - 1] === 0x0a) end--;
    return bytes.subarray(2, end);
  }
  let length = 0;
  for (let i = 0; i < digits; i++) {
    const d = bytes[2 + i] - 0x30;
    if (d < 0 || d > 9) return null;
    length = length * 10 + d;
  }
  const start = 2 + digits;
  return bytes.subarray(start, Math.min(bytes.length, start + length));
}

/** "305 bytes: 23 33 33 30 30 …": the length and the first bytes in hex. */
export function summary(bytes, shown = 16) {
  const hex = Array.from(bytes.subarray(0, shown), b => b.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} byte${bytes.length === 1 ? '' : 's'}: ${hex}${bytes.length > shown ? ' …' : ''}`;
}

/** True when a reply is not plain text (it has control bytes other than tab/CR/LF, or starts a block). */
export function looksBinary(bytes) {
  if (bytes.length >= 2 && bytes[0] === 0x23 && bytes[1] >= 0x30 && bytes[1] <= 0x39) return true;
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return true;
  return false;
}

export const sampleTypes = { int8: 1, uint8: 1, int16: 2, float32: 4 };

/**
 * The samples of data as type: little-endian unless bigEndian (most instruments send little-endian by default; SCPI's
 * FORM:BORD NORM, many scopes' default, is big-endian).
 */
export function decode(data, type, bigEndian = false) {
  const size = sampleTypes[type];
  if (!size) throw new Error(`unknown sample type ${type}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = Math.floor(data.byteLength / size);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * size;
    out[i] = type === 'int8' ? view.getInt8(at) : type === 'uint8' ? view.getUint8(at)
      : type === 'int16' ? view.getInt16(at, !bigEndian) : view.getFloat32(at, !bigEndian);
  }
  return out;
}

/** True when a FORM:BORD? reply says big-endian (NORMal); false for SWAPped; throws for anything else. */
export function byteOrderOf(reply) {
  const word = reply.trim().toUpperCase();
  if (word.startsWith('NORM')) return true;
  if (word.startsWith('SWAP')) return false;
  throw new Error(`the instrument answered FORM:BORD? with "${reply.trim()}", not NORMal or SWAPped.`);
}

export function latin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  return s;
}
