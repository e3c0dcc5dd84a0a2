import { FunctionField, Labeled, RecordContextProvider, TextField, NumberField, useRecordContext } from 'react-admin';
import { Box } from '@mui/material';
import { GenericList, GenericShow } from '../generic.jsx';
import { Thumbnail } from './files.jsx';

// File descriptions, each shown with its file: the storage record embedded by the
// service (embed=["storage"]) rather than fetched one by one.

function EmbeddedStorage() {
  const record = useRecordContext();
  if (!record?.storage) return null;
  return (
    <Labeled label="File">
      <RecordContextProvider value={record.storage}>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }} data-testid="embedded-storage">
          <Thumbnail record={record.storage} size={96} />
          <Box>
            <Labeled label="Name"><TextField source="originalName" /></Labeled>
            <Labeled label="Type"><TextField source="mimeType" /></Labeled>
            <Labeled label="Size (bytes)"><NumberField source="size" /></Labeled>
          </Box>
        </Box>
      </RecordContextProvider>
    </Labeled>
  );
}

function StorageInfoList() {
  return (
    <GenericList meta={{ embed: ['storage'] }} title="File descriptions" columns={['description', 'storageId', 'createdAt']}>
      <FunctionField label="File" render={(record) => record.storage && <Thumbnail record={record.storage} />} />
    </GenericList>
  );
}

function StorageInfoShow() {
  return (
    <GenericShow embed={['storage']}>
      <EmbeddedStorage />
    </GenericShow>
  );
}

export const storageInfo = { list: StorageInfoList, show: StorageInfoShow, options: { label: 'File descriptions' } };
