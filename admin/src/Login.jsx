import { useState } from 'react';
import { useLogin } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';

// One field: an API key (fk_…) or an identity provider's token. A wrong one stays here,
// with the service's own message.
export function LoginPage() {
  const login = useLogin();
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ key });
    } catch (failure) {
      setError(failure?.message || 'The key was not accepted');
      setBusy(false);
    }
  };
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100' }}>
      <Card sx={{ width: 420, maxWidth: '92vw' }}>
        <CardContent component="form" onSubmit={submit} noValidate>
          <Typography component="h1" variant="h5" gutterBottom>
            Flarekit admin
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Paste the admin key printed at the first start, another API key, or a bearer token. It is kept in
            this tab only.
          </Typography>
          <TextField
            id="key"
            name="key"
            label="API key or token"
            type="password"
            autoComplete="off"
            autoFocus
            fullWidth
            margin="normal"
            value={key}
            onChange={(event) => setKey(event.target.value)}
            error={Boolean(error)}
          />
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" fullWidth disabled={busy}>
            Sign in
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
