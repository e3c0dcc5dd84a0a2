import { useEffect, useMemo, useState } from 'react';
import { Admin, Resource, memoryStore, useLogin } from 'react-admin';
import { authProvider, session } from './auth.js';
import { dataProvider } from './data.js';
import { LoginPage } from './Login.jsx';
import { resourcesOf, abilities } from './spec.js';
import { Resources } from './context.js';
import { GenericCreate, GenericEdit, GenericList, GenericShow } from './generic.jsx';
import { custom } from './custom/index.js';
import { theme } from './theme.js';

// Asked for as soon as this chunk loads, while the caller signs in.
const specification = fetch('/specification.json').then((response) =>
  response.ok ? response.json() : Promise.reject(new Error(response.statusText)),
);

/** test-articles → Test articles */
const labelOf = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/-/g, ' ');

// A key whose rules let it list nothing still signs in; it is told why the menu is empty.
function NothingToList() {
  return (
    <p style={{ padding: 24 }}>
      The access rules let this key list no resource. Ask an admin for a key with a role the rules admit
      (docs/security.md).
    </p>
  );
}

// After a 401, react-admin shows this same page; its login goes through react-admin.
function AdminLoginPage() {
  const login = useLogin();
  return <LoginPage onLogin={(credentials) => login(credentials)} />;
}

// The resources come from the service's OpenAPI document, read once at start (it is open
// to anyone); each is generic unless custom/index.js customises it.
export function App() {
  const [resources, setResources] = useState(null);
  const [failure, setFailure] = useState(null);
  useEffect(() => {
    specification
      .then((spec) => setResources(resourcesOf(spec)))
      .catch((error) => setFailure(error.message));
  }, []);
  const provider = useMemo(() => resources && dataProvider(resources), [resources]);
  if (failure) return <p role="alert">The service's description could not be read: {failure}</p>;
  if (!resources) return null;
  const byName = Object.fromEntries(resources.map((resource) => [resource.name, resource]));
  return (
    <Resources.Provider value={byName}>
      <Admin
        title="Flarekit admin"
        theme={theme}
        dataProvider={provider}
        authProvider={authProvider}
        loginPage={AdminLoginPage}
        requireAuth
        store={memoryStore()}
        dashboard={resources.some((resource) => abilities(resource, session()).list) ? undefined : NothingToList}
        disableTelemetry
      >
        {() =>
          resources
            .filter((resource) => abilities(resource, session()).list)
            .map((resource) => {
              const may = abilities(resource, session());
              const own = custom[resource.name] ?? {};
              return (
                <Resource
                  key={resource.name}
                  name={resource.name}
                  list={own.list ?? GenericList}
                  show={may.read ? (own.show ?? GenericShow) : undefined}
                  edit={may.update ? (own.edit ?? GenericEdit) : undefined}
                  create={may.create ? (own.create ?? GenericCreate) : undefined}
                  icon={own.icon}
                  options={own.options ?? { label: labelOf(resource.name) }}
                  recordRepresentation={own.recordRepresentation}
                />
              );
            })
        }
      </Admin>
    </Resources.Provider>
  );
}
