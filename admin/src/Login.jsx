import { useEffect, useState } from 'react';
import { endedBecause } from './auth.js';

// The login page: one field, for an API key (fk_…) or an identity provider's token. A
// wrong one stays here, with the service's own message. Plain React and CSS, without
// react-admin or MUI, so that it is in the small first chunk and can be used at once
// while the rest of the admin loads (docs/admin.md: "Speed").

const styles = {
  main: { minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f4f6', margin: 0,
    fontFamily: 'Roboto, system-ui, -apple-system, "Segoe UI", sans-serif' },
  card: { width: 400, maxWidth: '92vw', background: '#fff', borderRadius: 8, padding: 24,
    boxShadow: '0 2px 8px rgba(0,0,0,.15)', boxSizing: 'border-box' },
  label: { display: 'block', fontSize: 14, margin: '16px 0 6px', color: '#374151' },
  input: { width: '100%', boxSizing: 'border-box', padding: '10px 12px', fontSize: 16, borderRadius: 4,
    border: '1px solid #9ca3af' },
  alert: { background: '#fdecea', color: '#611a15', borderRadius: 4, padding: '8px 12px', marginTop: 12,
    fontSize: 14 },
  button: { marginTop: 16, width: '100%', padding: '10px 12px', fontSize: 15, fontWeight: 500, border: 0,
    borderRadius: 4, background: '#1976d2', color: '#fff', cursor: 'pointer' },
};

export function LoginPage({ onLogin }) {
  const [key, setKey] = useState('');
  // after a 401 (a revoked key, an expired token), the service's reason
  const [error, setError] = useState(() => endedBecause() && `Signed out: ${endedBecause()}`);
  const [busy, setBusy] = useState(false);
  // the form is on screen with its handlers: what the browser test times
  useEffect(() => {
    performance.mark('login-interactive');
  }, []);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin({ key });
    } catch (failure) {
      setError(failure?.message || 'The key was not accepted');
      setBusy(false);
    }
  };
  return (
    <main style={styles.main}>
      <form style={styles.card} onSubmit={submit} noValidate>
        <h1 style={{ fontSize: 24, fontWeight: 400, margin: '0 0 8px' }}>Flarekit admin</h1>
        <p style={{ fontSize: 14, color: '#4b5563', margin: 0 }}>
          Paste the admin key printed at the first start, another API key, or a bearer token. It is kept in this
          tab only.
        </p>
        <label htmlFor="key" style={styles.label}>
          API key or token
        </label>
        <input
          id="key"
          name="key"
          type="password"
          autoComplete="off"
          autoFocus
          style={styles.input}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'key-error' : undefined}
        />
        {error && (
          <div id="key-error" role="alert" style={styles.alert}>
            {error}
          </div>
        )}
        <button type="submit" style={{ ...styles.button, opacity: busy ? 0.6 : 1 }} disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
