import { useRef, useState } from 'react';
import {
  Button, FunctionField, Labeled, useDataProvider, useNotify, useRecordContext, useRefresh,
} from 'react-admin';
import { Alert, Box, List as MuiList, ListItem, Typography } from '@mui/material';
import CloudUpload from '@mui/icons-material/CloudUpload';
import Download from '@mui/icons-material/Download';
import SwapHoriz from '@mui/icons-material/SwapHoriz';
import { GenericList, GenericShow } from '../generic.jsx';
import { useResource } from '../context.js';
import { Thumbnail, download, isImage, useContentUrl } from './files.jsx';

// Files: uploaded by drag and drop (several at once), shown with thumbnails, previewed,
// downloaded and replaced. Records are never written as JSON.

function UploadZone() {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef(null);
  const [over, setOver] = useState(false);
  const [result, setResult] = useState(null);
  const upload = async (files) => {
    if (!files.length) return;
    try {
      const answer = await dataProvider.upload(files);
      setResult(answer);
      if (answer.data?.length) notify(answer.message || `${answer.data.length} uploaded`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(error.message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ mb: 2 }}>
      <Box
        role="button"
        tabIndex={0}
        data-testid="upload-zone"
        onClick={() => input.current.click()}
        onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && input.current.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          upload([...event.dataTransfer.files]);
        }}
        sx={{
          border: '2px dashed',
          borderColor: over ? 'primary.main' : 'divider',
          borderRadius: 2,
          p: 3,
          textAlign: 'center',
          cursor: 'pointer',
          '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main' },
        }}
      >
        <CloudUpload color="action" />
        <Typography>Upload files: drop them here, or click or press Enter to choose (several at once)</Typography>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Files to upload"
          onChange={(event) => {
            upload([...event.target.files]);
            event.target.value = '';
          }}
        />
      </Box>
      {result?.rejected?.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="rejected">
          Refused:
          <MuiList dense>
            {result.rejected.map((rejected, index) => (
              <ListItem key={index}>
                {rejected.file ? `${rejected.file}: ` : ''}
                {rejected.reason}
              </ListItem>
            ))}
          </MuiList>
        </Alert>
      )}
    </Box>
  );
}

function StorageList() {
  const { may } = useResource();
  return (
    <>
      {may.upload && (
        <Box sx={{ pt: 2 }}>
          <UploadZone />
        </Box>
      )}
      <GenericList title="Files" columns={['originalName', 'mimeType', 'size', 'createdAt', 'deletedAt', 'ownerId']}>
        <FunctionField label="Preview" render={(record) => <Thumbnail record={record} />} />
      </GenericList>
    </>
  );
}

function Preview() {
  const record = useRecordContext();
  const url = useContentUrl(record, isImage(record));
  if (!isImage(record)) return <Typography variant="body2">No preview for {record?.mimeType}</Typography>;
  return url ? <img src={url} alt={record.originalName} style={{ maxWidth: '100%', maxHeight: 400 }} /> : null;
}

function DownloadButton() {
  const record = useRecordContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  return (
    <Button
      label="Download"
      onClick={() => download(dataProvider, record).catch((error) => notify(error.message, { type: 'error' }))}
    >
      <Download />
    </Button>
  );
}

function ReplaceButton() {
  const record = useRecordContext();
  const { may } = useResource();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef(null);
  if (!may.replace || record?.deletedAt) return null;
  return (
    <>
      <Button label="Replace content" onClick={() => input.current.click()}>
        <SwapHoriz />
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="New content"
        data-testid="replace-input"
        onChange={async (event) => {
          const [file] = event.target.files;
          event.target.value = '';
          if (!file) return;
          try {
            await dataProvider.replaceContent(record.id, file);
            notify('Content replaced', { type: 'success' });
            refresh();
          } catch (error) {
            notify(error.message, { type: 'error' });
          }
        }}
      />
    </>
  );
}

function StorageShow() {
  return (
    <GenericShow
      extra={
        <>
          <DownloadButton />
          <ReplaceButton />
        </>
      }
    >
      <Labeled label="Preview">
        <Preview />
      </Labeled>
    </GenericShow>
  );
}

export const storage = { list: StorageList, show: StorageShow, options: { label: 'Files' } };
