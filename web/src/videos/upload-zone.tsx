import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from '../components/format.js';
import type { UploadEntry } from './use-uploads.js';

interface UploadZoneProps {
  entries: UploadEntry[];
  onFiles(files: File[]): void;
  onDismiss(key: number): void;
}

/** Drop zone and file picker for several videos, with each upload's progress or refusal. */
export function UploadZone({ entries, onFiles, onDismiss }: UploadZoneProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div className="upload">
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p className="dropzone__text">Drop video files here</p>
        <p className="dropzone__or">or</p>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="video/*"
          multiple
          aria-label="Choose video files to upload"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
        <label htmlFor={inputId} className="button button--secondary">
          Choose files…
        </label>
      </div>
      {entries.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {entries.map((entry) => (
            <li key={entry.key} className={`upload-item upload-item--${entry.state}`}>
              <div className="upload-item__head">
                <span className="upload-item__name" title={entry.name}>
                  {entry.name}
                </span>
                <span className="upload-item__size">{formatBytes(entry.size)}</span>
              </div>
              {entry.state === 'failed' ? (
                <div className="upload-item__error" role="alert">
                  <span>Refused: {entry.error}</span>
                  <button type="button" className="button button--small button--ghost" onClick={() => onDismiss(entry.key)}>
                    Dismiss
                  </button>
                </div>
              ) : (
                <div className="upload-item__progress">
                  <progress max={1} value={entry.progress} aria-label={`Upload of ${entry.name}`} />
                  <span className="upload-item__state">
                    {entry.state === 'waiting' && 'waiting'}
                    {entry.state === 'uploading' && (entry.progress >= 1 ? 'checking the video…' : `${Math.round(entry.progress * 100)}%`)}
                    {entry.state === 'done' && (entry.duplicateOf ? 'already in the library' : 'uploaded')}
                  </span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
