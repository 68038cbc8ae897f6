// What a file is, judged by its first bytes (magic numbers), never by its name or declared type:
// a text file renamed .jpg, or a script sent as image/png, is refused.

/** A recognised file type: the content type stored and served, and the usual extension. */
export interface FileType {
  contentType: string;
  ext: string;
  isImage: boolean;
}

const startsWith = (buf: Uint8Array, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (buf: Uint8Array, from: number, to: number) => Buffer.from(buf.subarray(from, to)).toString('latin1');

// ISO base media file brands of HEIF images (HEVC-coded, image sequences, and the generic ones).
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const heifBrands = new Set(['mif1', 'msf1']);

/** JPEG, PNG, WebP, HEIC/HEIF or GIF by their signatures; null for anything else. */
export function detectImageType(buf: Uint8Array): FileType | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg', isImage: true };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', ext: 'png', isImage: true };
  if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return { contentType: 'image/webp', ext: 'webp', isImage: true };
  if (buf.length >= 12 && ascii(buf, 4, 8) === 'ftyp') {
    const brand = ascii(buf, 8, 12);
    if (heicBrands.has(brand)) return { contentType: 'image/heic', ext: 'heic', isImage: true };
    if (heifBrands.has(brand)) return { contentType: 'image/heif', ext: 'heif', isImage: true };
  }
  if (buf.length >= 6 && (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a')) return { contentType: 'image/gif', ext: 'gif', isImage: true };
  return null;
}

/** The photo types a citizen may send: every image type above except GIF (animations are not evidence). */
export function detectPhotoType(buf: Uint8Array): FileType | null {
  const t = detectImageType(buf);
  return t && t.contentType !== 'image/gif' ? t : null;
}

// Office Open XML packages are ZIP files whose entries name the application's part folder; the
// local file headers carry the names in clear, so the first 64 KiB are enough to find one.
const ooxmlParts: [string, FileType][] = [
  ['word/', { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', isImage: false }],
  ['xl/', { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', isImage: false }],
  ['ppt/', { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', isImage: false }],
];

// Legacy Office and WPS files are OLE compound documents; the container does not say which
// application wrote it, so the extension decides among these (and nothing else is accepted).
const oleTypes: Record<string, FileType> = {
  doc: { contentType: 'application/msword', ext: 'doc', isImage: false },
  xls: { contentType: 'application/vnd.ms-excel', ext: 'xls', isImage: false },
  ppt: { contentType: 'application/vnd.ms-powerpoint', ext: 'ppt', isImage: false },
  wps: { contentType: 'application/vnd.ms-works', ext: 'wps', isImage: false },
  et: { contentType: 'application/vnd.ms-excel', ext: 'et', isImage: false },
  dps: { contentType: 'application/vnd.ms-powerpoint', ext: 'dps', isImage: false },
};

/** The extension of a file name, lower case, without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

/** What staff may attach: images, PDF, Office (OOXML and legacy) and WPS documents; null for anything else. */
export function detectAttachmentType(buf: Uint8Array, fileName: string): FileType | null {
  const image = detectImageType(buf);
  if (image) return image;
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { contentType: 'application/pdf', ext: 'pdf', isImage: false };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const head = ascii(buf, 0, Math.min(buf.length, 64 * 1024));
    if (!head.includes('[Content_Types].xml')) return null;
    for (const [folder, type] of ooxmlParts) if (head.includes(folder)) return type;
    return null;
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleTypes[extensionOf(fileName)] ?? null;
  return null;
}

/**
 * A file name safe to store and send back: no folders, no control characters, at most 120
 * characters, and the extension of what the file really is.
 */
export function cleanFileName(raw: string | undefined, type: FileType, fallbackStem: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let stem = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const dot = stem.lastIndexOf('.');
  if (dot > 0) stem = stem.slice(0, dot);
  stem = stem.slice(0, 100).trim() || fallbackStem;
  return `${stem}.${type.ext}`;
}
