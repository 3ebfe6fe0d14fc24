import { useId, useState, type FormEvent } from 'react';

/** Asks once for the server's access token (VIDCOMPARE_TOKEN); it is kept in this browser. */
export function TokenDialog({ onSubmit }: { onSubmit(token: string): void }) {
  const [value, setValue] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSubmit(value.trim());
  };
  return (
    <div className="overlay">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${inputId}-title`} onSubmit={submit}>
        <h2 id={`${inputId}-title`}>Access token needed</h2>
        <p>
          This vidcompare server is protected by a token (<code>VIDCOMPARE_TOKEN</code>). Enter it once; this browser keeps it in local storage.
        </p>
        <label htmlFor={inputId} className="field__label">
          Token
        </label>
        <input id={inputId} type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={!value.trim()}>
            Save and continue
          </button>
        </div>
      </form>
    </div>
  );
}
