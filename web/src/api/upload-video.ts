import { authHeaders, getToken, markTokenRequired } from './auth-token.js';
import { ApiError, toApiError } from './client.js';
import type { VideoRecord } from './types.js';

/**
 * Uploads one file as multipart field `file`, reporting progress (0..1).
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 * @throws ApiError with the server's `detail` when the upload is refused
 */
export function uploadVideo(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<VideoRecord> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/video/upload');
    const sentWith = getToken();
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as VideoRecord);
        } catch {
          reject(new ApiError(xhr.status, 'The server accepted the upload but its answer was not readable'));
        }
        return;
      }
      if (xhr.status === 401) markTokenRequired(sentWith);
      reject(toApiError(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'The upload failed: the connection to the server was lost')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'Upload cancelled')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
