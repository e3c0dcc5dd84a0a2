import { createContext, useContext } from 'react';
import { useResourceContext } from 'react-admin';
import { abilities } from './spec.js';
import { session } from './auth.js';

/** The resources read from the OpenAPI document, by name. */
export const Resources = createContext({});

/** The current resource's description, and what the signed-in caller may do on it. */
export function useResource() {
  const name = useResourceContext();
  const resource = useContext(Resources)[name];
  return { resource, may: abilities(resource, session()) };
}
