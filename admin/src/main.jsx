import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LoginPage } from './Login.jsx';
import { authProvider, token } from './auth.js';

// The first chunk holds only React, the login page and the key check; react-admin and the
// views load meanwhile, in a chunk of their own, and mount once a key is accepted.
const admin = import('./App.jsx');

function Root() {
  const [signedIn, setSignedIn] = useState(() => Boolean(token()));
  const [App, setApp] = useState(null);
  useEffect(() => {
    if (signedIn) admin.then((module) => setApp(() => module.App));
  }, [signedIn]);
  if (!signedIn) {
    const login = async (credentials) => {
      await authProvider.login(credentials);
      window.location.hash = '#/';
      setSignedIn(true);
    };
    return <LoginPage onLogin={login} />;
  }
  return App ? <App /> : null;
}

createRoot(document.getElementById('root')).render(<Root />);
