import { describe, expect, it } from 'vitest';
import { cleanFileName, detectAttachmentType, detectPhotoType } from './file-types.ts';
import { hashLookupSecret, newLookupSecret, normaliseLookupSecret, safeEqual } from './lookup-secret.ts';
import { PhoneGuard } from './phone-guard.ts';
import { docxLike, jpegLike, solidPng, tinyPdf } from './test-files.ts';

const bytes = (...b: (number | string)[]) => Buffer.concat(b.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

describe('file types by content', () => {
  it('recognises the photo types by their signatures, whatever the name says', () => {
    expect(detectPhotoType(jpegLike())?.contentType).toBe('image/jpeg');
    expect(detectPhotoType(solidPng(2, [0, 0, 0]))?.contentType).toBe('image/png');
    expect(detectPhotoType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))?.contentType).toBe('image/webp');
    expect(detectPhotoType(bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0))?.contentType).toBe('image/heic');
    expect(detectPhotoType(bytes(0, 0, 0, 0x18, 'ftypmif1', 0, 0, 0, 0))?.contentType).toBe('image/heif');
  });

  it('refuses text, HTML/SVG, video, GIF (for citizens), empty and truncated files', () => {
    for (const b of [Buffer.from('hello'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), bytes(0, 0, 0, 0x18, 'ftypmp42'), Buffer.from('GIF89a....'), Buffer.alloc(0), bytes(0xff, 0xd8), bytes(0x89, 'PNG')]) {
      expect(detectPhotoType(b)).toBeNull();
    }
  });

  it('recognises staff documents: PDF, OOXML by its parts, legacy Office/WPS by container and extension', () => {
    expect(detectAttachmentType(tinyPdf(), 'x.bin')?.contentType).toBe('application/pdf');
    expect(detectAttachmentType(docxLike(), 'x.zip')?.ext).toBe('docx');
    expect(detectAttachmentType(bytes(0x50, 0x4b, 3, 4, '[Content_Types].xml xl/workbook.xml'), 'a')?.ext).toBe('xlsx');
    expect(detectAttachmentType(bytes(0x50, 0x4b, 3, 4, 'just a zip'), 'a.docx')).toBeNull();
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 'rest');
    expect(detectAttachmentType(ole, '通知.DOC')?.contentType).toBe('application/msword');
    expect(detectAttachmentType(ole, '报表.et')?.ext).toBe('et');
    expect(detectAttachmentType(ole, 'macro.msi')).toBeNull();
    expect(detectAttachmentType(Buffer.from('GIF87a..'), 'a')?.contentType).toBe('image/gif');
  });

  it('cleans file names: no folders or control characters, the real extension, a fallback', () => {
    const png = { contentType: 'image/png', ext: 'png', isImage: true };
    expect(cleanFileName('C:\\fakepath\\路灯 照片.JPG', png, 'photo-1')).toBe('路灯 照片.png');
    expect(cleanFileName('../../etc/passwd', png, 'photo-1')).toBe('passwd.png');
    expect(cleanFileName('a\u0000b"<c>.png', png, 'photo-1')).toBe('abc.png');
    expect(cleanFileName('', png, 'photo-2')).toBe('photo-2.png');
    expect(cleanFileName('.hidden', png, 'photo-3')).toBe('.hidden.png');
  });
});

describe('lookup secrets', () => {
  it('are 8 unambiguous characters, random, and compared after normalising', () => {
    const s = newLookupSecret();
    expect(s).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(new Set(Array.from({ length: 200 }, newLookupSecret)).size).toBe(200);
    expect(normaliseLookupSecret(' k7qm-3xpa ')).toBe('K7QM3XPA');
    expect(hashLookupSecret('k7qm-3xpa')).toBe(hashLookupSecret('K7QM3XPA'));
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('PhoneGuard', () => {
  it('closes a code after the allowed wrong answers and opens it again after the window', () => {
    const g = new PhoneGuard(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(g.isLocked('C', 0)).toBe(false);
      g.recordFailure('C', 0);
    }
    expect(g.isLocked('C', 500)).toBe(true);
    expect(g.isLocked('D', 500)).toBe(false);
    expect(g.isLocked('C', 1500)).toBe(false);
  });
});
