import { useState } from 'react';
import {
  Button, Confirm, useDataProvider, useNotify, useRecordContext, useRedirect, useRefresh, useResourceContext,
} from 'react-admin';
import RestoreFromTrash from '@mui/icons-material/RestoreFromTrash';
import DeleteForever from '@mui/icons-material/DeleteForever';
import { useResource } from './context.js';

/** Brings a soft-deleted record back (POST /admin/restore/{resource}/{id}; admins only). */
export function RestoreButton() {
  const record = useRecordContext();
  const resource = useResourceContext();
  const { may } = useResource();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.deletedAt || !may.restore) return null;
  const restore = async (event) => {
    event.stopPropagation();
    try {
      await dataProvider.restore(resource, record.id);
      notify('Record restored', { type: 'success' });
      refresh();
    } catch (error) {
      notify(error.message, { type: 'error' });
    }
  };
  return (
    <Button label="Restore" onClick={restore}>
      <RestoreFromTrash />
    </Button>
  );
}

/** Removes a record for good (DELETE ?permanent=true), after a confirmation. */
export function PermanentDeleteButton() {
  const record = useRecordContext();
  const resource = useResourceContext();
  const { may } = useResource();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  if (!record || !may.permanentDelete) return null;
  const erase = async () => {
    setOpen(false);
    try {
      await dataProvider.delete(resource, { id: record.id, meta: { permanent: true } });
      notify('Record deleted for good', { type: 'success' });
      redirect('list', resource);
    } catch (error) {
      notify(error.message, { type: 'error' });
    }
  };
  return (
    <>
      <Button label="Delete permanently" color="error" onClick={() => setOpen(true)}>
        <DeleteForever />
      </Button>
      <Confirm
        isOpen={open}
        title="Delete permanently?"
        content="The record is removed for good and cannot be restored."
        confirm="Delete permanently"
        onConfirm={erase}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
