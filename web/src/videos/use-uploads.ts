import { useCallback, useRef, useState } from 'react';
import { describeError } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';
import { uploadVideo } from '../api/upload-video.js';

export interface UploadEntry {
  key: number;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  error?: string;
  /** the same bytes were already stored: the library kept its existing entry */
  duplicateOf?: string;
}

/**
 * Uploads files one after another (the server probes and hashes each as it
 * arrives, so parallel uploads would not finish sooner) and tracks each one.
 */
export function useUploads(onUploaded: (video: VideoRecord) => void) {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(1);

  const update = (key: number, patch: Partial<UploadEntry>) =>
    setEntries((current) => current.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  const upload = useCallback(
    (files: File[]) => {
      const fresh = files.map<UploadEntry>((file) => ({ key: nextKey.current++, name: file.name, size: file.size, progress: 0, state: 'waiting' }));
      setEntries((current) => [...current.filter((e) => e.state !== 'done'), ...fresh]);
      files.forEach((file, index) => {
        const key = fresh[index]!.key;
        queue.current = queue.current.then(async () => {
          update(key, { state: 'uploading' });
          try {
            const video = await uploadVideo(file, (progress) => update(key, { progress }));
            const duplicateOf = (video as VideoRecord & { duplicate_of?: string }).duplicate_of;
            update(key, { state: 'done', progress: 1, ...(duplicateOf ? { duplicateOf } : {}) });
            onUploaded(video);
          } catch (error) {
            update(key, { state: 'failed', error: describeError(error) });
          }
        });
      });
    },
    [onUploaded],
  );

  const dismiss = useCallback((key: number) => setEntries((current) => current.filter((e) => e.key !== key)), []);

  return { entries, upload, dismiss };
}
