import { storage } from './storage.jsx';
import { storageInfo } from './storageInfo.jsx';

// Customised resources, keyed by the resource's name (its path: /storage → "storage").
// An entry may give list, show, edit, create (components), icon and options (react-admin
// <Resource> props); what it leaves out stays generic. Every other resource is generic.
export const custom = {
  storage,
  'storage-info': storageInfo,
};
