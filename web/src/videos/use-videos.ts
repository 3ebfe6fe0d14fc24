import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.js';
import type { VideoRecord } from '../api/types.js';

export interface VideosState {
  videos: VideoRecord[];
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** puts freshly stored videos at the top (no duplicates) */
  added(videos: VideoRecord[]): void;
  remove(id: string): Promise<void>;
  addSamples(): Promise<void>;
  addingSamples: boolean;
}

/** The video library as the page knows it, newest first. */
export function useVideos(): VideosState {
  const [videos, setVideos] = useState<VideoRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [addingSamples, setAddingSamples] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setVideos(await api.listVideos());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const added = useCallback((fresh: VideoRecord[]) => {
    setVideos((current) => {
      const ids = new Set(fresh.map((v) => v.id));
      return [...fresh, ...current.filter((v) => !ids.has(v.id))];
    });
  }, []);

  const remove = useCallback(async (id: string) => {
    try {
      await api.deleteVideo(id);
      setVideos((current) => current.filter((v) => v.id !== id));
      setError(null);
    } catch (e) {
      setError(`Could not delete the video: ${describeError(e)}`);
    }
  }, []);

  const addSamples = useCallback(async () => {
    setAddingSamples(true);
    try {
      added(await api.addSampleVideos());
      setError(null);
    } catch (e) {
      setError(`Could not add the sample videos: ${describeError(e)}`);
    } finally {
      setAddingSamples(false);
    }
  }, [added]);

  return { videos, loading, error, refresh, added, remove, addSamples, addingSamples };
}
