import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';

// A stored file's bytes need the key, which an <img src> cannot send: they are fetched
// and shown from an object URL.

export const isImage = (record) => /^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(record?.mimeType ?? '');

export function useContentUrl(record, enabled = true) {
  const dataProvider = useDataProvider();
  const [url, setUrl] = useState(null);
  useEffect(() => {
    if (!record?.id || !enabled) return undefined;
    let objectUrl = null;
    let live = true;
    dataProvider
      .content(record.id)
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [dataProvider, record?.id, record?.hash, enabled]);
  return url;
}

export function Thumbnail({ record, size = 48 }) {
  const image = isImage(record);
  const url = useContentUrl(record, image);
  if (!image) return <span aria-hidden="true">—</span>;
  return url ? (
    <img src={url} alt={record.originalName} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} />
  ) : (
    <span style={{ display: 'inline-block', width: size, height: size }} />
  );
}

export async function download(dataProvider, record) {
  const blob = await dataProvider.content(record.id);
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = record.originalName || record.key;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
