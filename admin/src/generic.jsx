import {
  BulkDeleteButton, Create, CreateButton, Datagrid, DeleteButton, DeleteWithConfirmButton, Edit, EditButton,
  ExportButton, FilterButton, List, ListButton, Show, SimpleForm, SimpleShowLayout, TopToolbar, useRecordContext,
} from 'react-admin';
import { fieldFor, filtersFor, inputFor } from './fields.jsx';
import { PermanentDeleteButton, RestoreButton } from './actions.jsx';
import { useResource } from './context.js';

// react-admin's standard list, show, edit and create views, built from a resource's
// description (see spec.js). A resource in custom/index.js may replace any of them.

function ListActions({ may }) {
  return (
    <TopToolbar>
      <FilterButton />
      {may.create && <CreateButton />}
      <ExportButton />
    </TopToolbar>
  );
}

/** Left out of lists (the record shows them): bookkeeping rather than content. */
const NOT_LISTED = ['version', 'updatedAt'];

/** A soft-deleted row: grey and in italics, its text still readable (not faded). */
const DELETED = { backgroundColor: 'grey.200', '& td': { fontStyle: 'italic' } };

export function GenericList({ children, meta, columns: names, ...props }) {
  const { resource, may } = useResource();
  const columns = names
    ? names.map((name) => resource.fields.find((field) => field.name === name)).filter(Boolean)
    : resource.fields.filter((field) => !NOT_LISTED.includes(field.name));
  const newestFirst = resource.fields.some((field) => field.name === 'createdAt');
  return (
    <List
      filters={filtersFor(resource, may)}
      actions={<ListActions may={may} />}
      queryOptions={{ meta }}
      empty={false}
      sort={newestFirst ? { field: 'createdAt', order: 'DESC' } : { field: 'id', order: 'DESC' }}
      {...props}
    >
      <Datagrid
        rowClick={may.read ? 'show' : false}
        bulkActionButtons={may.delete ? <BulkDeleteButton mutationMode="pessimistic" /> : false}
        rowSx={(record) => (record.deletedAt ? DELETED : {})}
      >
        {children}
        {columns.map((field) => fieldFor(field))}
        {may.restore && <RestoreButton />}
      </Datagrid>
    </List>
  );
}

export function RecordActions({ extra }) {
  const record = useRecordContext();
  const { resource, may } = useResource();
  const deleted = Boolean(record?.deletedAt);
  return (
    <TopToolbar>
      <ListButton />
      {extra}
      {may.update && !deleted && <EditButton />}
      {may.delete && !deleted && resource.softDeletable && <DeleteButton mutationMode="pessimistic" />}
      {may.delete && !resource.softDeletable && <DeleteWithConfirmButton mutationMode="pessimistic" />}
      <RestoreButton />
      <PermanentDeleteButton />
    </TopToolbar>
  );
}

export function GenericShow({ children, extra, embed }) {
  const { resource, may } = useResource();
  return (
    <Show
      actions={<RecordActions extra={extra} />}
      queryOptions={{ meta: { includeDeleted: may.includeDeleted, embed } }}
    >
      <SimpleShowLayout>
        {resource.fields.map((field) => fieldFor(field))}
        {children}
      </SimpleShowLayout>
    </Show>
  );
}

const writable = (resource) => resource.fields.filter((field) => !field.readOnly);

export function GenericEdit() {
  const { resource } = useResource();
  return (
    <Edit mutationMode="pessimistic" redirect="show" actions={<TopToolbar><ListButton /></TopToolbar>}>
      <SimpleForm>{writable(resource).map(inputFor)}</SimpleForm>
    </Edit>
  );
}

export function GenericCreate() {
  const { resource } = useResource();
  return (
    <Create redirect="show">
      <SimpleForm>{writable(resource).map(inputFor)}</SimpleForm>
    </Create>
  );
}
