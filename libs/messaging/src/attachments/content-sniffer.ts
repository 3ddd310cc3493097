/**
 * The content type of an upload, from its first bytes — never from the client's Content-Type or
 * file name. Executables are refused; anything unrecognised is served as
 * application/octet-stream (as a download), and text only as text/plain, so an uploaded HTML or SVG
 * file can never run script in the API's origin.
 */
export type Sniffed = { contentType: string; image: boolean } | { refused: string };

const SIGNATURES: { type: string; image?: boolean; match: (b: Buffer) => boolean }[] = [
  { type: 'image/png', image: true, match: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', image: true, match: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', image: true, match: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { type: 'image/webp', image: true, match: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { type: 'application/pdf', match: (b) => ascii(b, 0, '%PDF-') },
  { type: 'application/zip', match: (b) => starts(b, [0x50, 0x4b, 0x03, 0x04]) || starts(b, [0x50, 0x4b, 0x05, 0x06]) },
  { type: 'application/gzip', match: (b) => starts(b, [0x1f, 0x8b]) },
  { type: 'video/mp4', match: (b) => ascii(b, 4, 'ftyp') },
  { type: 'audio/mpeg', match: (b) => ascii(b, 0, 'ID3') || starts(b, [0xff, 0xfb]) },
  { type: 'audio/ogg', match: (b) => ascii(b, 0, 'OggS') },
];

const EXECUTABLES: { name: string; match: (b: Buffer) => boolean }[] = [
  { name: 'a Windows executable', match: (b) => ascii(b, 0, 'MZ') },
  { name: 'an ELF executable', match: (b) => starts(b, [0x7f, 0x45, 0x4c, 0x46]) },
  {
    name: 'a Mach-O executable',
    match: (b) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
      ].some((sig) => starts(b, sig)),
  },
  { name: 'a script', match: (b) => ascii(b, 0, '#!') },
];

export function sniffContentType(bytes: Buffer): Sniffed {
  for (const executable of EXECUTABLES)
    if (executable.match(bytes)) return { refused: `${executable.name} is not accepted` };
  for (const signature of SIGNATURES)
    if (signature.match(bytes)) return { contentType: signature.type, image: signature.image === true };
  if (looksLikeText(bytes)) return { contentType: 'text/plain; charset=utf-8', image: false };
  return { contentType: 'application/octet-stream', image: false };
}

function starts(bytes: Buffer, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Buffer, offset: number, text: string): boolean {
  return bytes.length >= offset + text.length && bytes.toString('latin1', offset, offset + text.length) === text;
}

/** Valid UTF-8 without NUL bytes in the first 8 KiB. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === bytes.length ? head : trimPartial(head));
    return true;
  } catch {
    return false;
  }
}

/** Cuts a multi-byte character split by the 8 KiB window, so it does not count as invalid. */
function trimPartial(head: Buffer): Buffer {
  const end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back];
    if ((byte & 0xc0) === 0xc0) return head.subarray(0, end - back);
    if ((byte & 0x80) === 0) break;
  }
  return head;
}
