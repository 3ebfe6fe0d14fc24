/**
 * The client's file name reduced to something safe to store and show: the
 * last path segment, no control characters, at most 200 characters.
 */
export function sanitizeFilename(filename: string): string {
  const lastSegment = filename.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'video' : cleaned;
}

const typeByExtension: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
  ts: 'video/mp2t',
  '3gp': 'video/3gpp',
  ogv: 'video/ogg',
  flv: 'video/x-flv',
  wmv: 'video/x-ms-wmv',
  gif: 'image/gif',
};

const typeByFormat: [RegExp, string][] = [
  [/(^|,)mp4(,|$)/, 'video/mp4'],
  [/(^|,)webm(,|$)/, 'video/webm'],
  [/(^|,)matroska(,|$)/, 'video/x-matroska'],
  [/(^|,)avi(,|$)/, 'video/x-msvideo'],
  [/(^|,)mpegts(,|$)/, 'video/mp2t'],
  [/(^|,)mpeg(,|$)/, 'video/mpeg'],
  [/(^|,)ogg(,|$)/, 'video/ogg'],
  [/(^|,)flv(,|$)/, 'video/x-flv'],
  [/(^|,)asf(,|$)/, 'video/x-ms-wmv'],
  [/(^|,)gif(,|$)/, 'image/gif'],
];

/**
 * The content type to store and serve. The client's type is kept only when it
 * is a plain video/* type (it is sent back as a Content-Type header); otherwise
 * it comes from the file name's extension, then from what ffprobe detected.
 */
export function videoContentType(clientType: string | undefined, filename: string, formatName: string): string {
  const client = clientType?.split(';')[0].trim().toLowerCase();
  if (client && /^video\/[a-z0-9][a-z0-9.+-]{0,60}$/.test(client)) return client;
  const extension = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1].toLowerCase();
  if (extension && typeByExtension[extension]) return typeByExtension[extension];
  return typeByFormat.find(([pattern]) => pattern.test(formatName))?.[1] ?? 'application/octet-stream';
}
