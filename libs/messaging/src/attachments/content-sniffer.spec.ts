import { sniffContentType } from './content-sniffer';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffContentType', () => {
  it.each([
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest'), 'image/png', true],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg', true],
    ['gif', bytes('GIF89a', [1, 0]), 'image/gif', true],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp', true],
    ['pdf', bytes('%PDF-1.7\n'), 'application/pdf', false],
    ['zip', bytes([0x50, 0x4b, 0x03, 0x04], 'x'), 'application/zip', false],
    ['gzip', bytes([0x1f, 0x8b, 8]), 'application/gzip', false],
    ['mp4', bytes([0, 0, 0, 0x18], 'ftypmp42'), 'video/mp4', false],
    ['plain text', bytes('hello, world\n'), 'text/plain; charset=utf-8', false],
    ['utf-8 text', Buffer.from('héllo ✓', 'utf8'), 'text/plain; charset=utf-8', false],
    ['html is only text', bytes('<html><script>alert(1)</script></html>'), 'text/plain; charset=utf-8', false],
    [
      'svg is only text',
      bytes('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
      'text/plain; charset=utf-8',
      false,
    ],
    ['binary', bytes([0, 1, 2, 3, 255, 254]), 'application/octet-stream', false],
    ['invalid utf-8', bytes([0xc3, 0x28, 0x41]), 'application/octet-stream', false],
    ['empty', Buffer.alloc(0), 'text/plain; charset=utf-8', false],
  ])('%s', (_label, input, contentType, image) => {
    expect(sniffContentType(input)).toEqual({ contentType, image });
  });

  it('keeps text whose 8 KiB window splits a multi-byte character', () => {
    const text = Buffer.from('a'.repeat(8191) + 'é' + 'b', 'utf8');
    expect(sniffContentType(text)).toEqual({ contentType: 'text/plain; charset=utf-8', image: false });
  });

  it.each([
    ['windows', bytes('MZ', [0x90, 0])],
    ['elf', bytes([0x7f, 0x45, 0x4c, 0x46, 2])],
    ['mach-o', bytes([0xcf, 0xfa, 0xed, 0xfe])],
    ['script', bytes('#!/bin/sh\nrm -rf /\n')],
  ])('refuses %s', (_label, input) => {
    expect(sniffContentType(input)).toHaveProperty('refused');
  });
});
