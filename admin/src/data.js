import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError } from 'react-admin';
import { token } from './auth.js';

// ra-data-simple-rest over the service's own API, with the service's extras:
// - includeDeleted travels as a query parameter, not inside filter;
// - the next page follows the Link rel="next" keyset cursor (same sort, filter and page
//   size), so walking forward page by page costs what the first page does;
// - create and update send only the fields a client may write;
// - restore, permanent delete, upload and content replacement.

export function httpClient(url, options = {}) {
  const headers = new Headers(options.headers || { Accept: 'application/json' });
  const bearer = token();
  if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
  return fetchUtils.fetchJson(moveIncludeDeleted(url), { ...options, headers });
}

function moveIncludeDeleted(url) {
  const parsed = new URL(url, window.location.origin);
  const filter = parsed.searchParams.get('filter');
  if (!filter) return url;
  const conditions = JSON.parse(filter);
  if (!('includeDeleted' in conditions)) return url;
  const { includeDeleted, ...rest } = conditions;
  parsed.searchParams.set('filter', JSON.stringify(rest));
  if (includeDeleted) parsed.searchParams.set('includeDeleted', 'true');
  return parsed.pathname + parsed.search;
}

function nextLink(headers) {
  const match = /<([^>]+)>;\s*rel="next"/.exec(headers.get('Link') || '');
  if (!match) return null;
  const next = new URL(match[1], window.location.origin);
  return next.pathname + next.search;
}

function errorOf(response, body) {
  return new HttpError(body?.message || response.statusText, response.status, body);
}

async function send(url, options) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', `Bearer ${token()}`);
  headers.set('Accept', 'application/json');
  const response = await fetch(url, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response, body);
  return body;
}

export function dataProvider(resources) {
  const base = simpleRestProvider('', httpClient);
  const byName = Object.fromEntries(resources.map((resource) => [resource.name, resource]));
  const writable = (resource, data) =>
    Object.fromEntries(
      Object.entries(data).filter(([name]) =>
        byName[resource]?.fields.some((field) => field.name === name && !field.readOnly),
      ),
    );
  // the last page read of each list, to follow its Link to the page after it
  const walks = new Map();

  return {
    ...base,
    async getList(resource, params) {
      const { page, perPage } = params.pagination;
      const { field, order } = params.sort;
      const walk = JSON.stringify([resource, field, order, perPage, params.filter, params.meta]);
      const last = walks.get(walk);
      if (last && last.next && page === last.page + 1) {
        const { headers, json } = await httpClient(last.next);
        walks.set(walk, { page, next: nextLink(headers), total: last.total });
        return { data: json, total: last.total, meta: { keyset: true } };
      }
      const query = new URLSearchParams({
        sort: JSON.stringify([field, order]),
        range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
        filter: JSON.stringify(params.filter),
      });
      if (params.meta?.embed) query.set('embed', JSON.stringify(params.meta.embed));
      const { headers, json } = await httpClient(`/${resource}?${query}`);
      const total = Number.parseInt((headers.get('Content-Range') || '').split('/').pop(), 10);
      walks.set(walk, { page, next: nextLink(headers), total });
      return { data: json, total };
    },
    async getOne(resource, params) {
      const query = new URLSearchParams();
      if (params.meta?.embed) query.set('embed', JSON.stringify(params.meta.embed));
      if (params.meta?.includeDeleted) query.set('includeDeleted', 'true');
      const suffix = query.size ? `?${query}` : '';
      const { json } = await httpClient(`/${resource}/${encodeURIComponent(params.id)}${suffix}`);
      return { data: json };
    },
    create: (resource, params) => base.create(resource, { ...params, data: writable(resource, params.data) }),
    update: (resource, params) => base.update(resource, { ...params, data: writable(resource, params.data) }),
    async delete(resource, params) {
      const permanent = params.meta?.permanent ? '?permanent=true' : '';
      const data = await send(`/${resource}/${encodeURIComponent(params.id)}${permanent}`, { method: 'DELETE' });
      walks.clear();
      return { data };
    },
    async deleteMany(resource, params) {
      const data = await send(`/${resource}?ids=${params.ids.map(encodeURIComponent).join(',')}`, {
        method: 'DELETE',
      });
      walks.clear();
      return { data: data.map((record) => record.id) };
    },
    async restore(resource, id) {
      walks.clear();
      return { data: await send(`/admin/restore/${resource}/${encodeURIComponent(id)}`, { method: 'POST' }) };
    },
    /** Uploads files; resolves to the service's answer: {data, rejected[{file, reason}]}. */
    async upload(files) {
      const form = new FormData();
      for (const file of files) form.append('images[]', file, file.name);
      walks.clear();
      try {
        return await send('/storage', { method: 'POST', body: form });
      } catch (error) {
        // every file refused: a 400 whose details name each file and its reason
        if (error.status === 400 && error.body?.details?.length) {
          return { data: [], rejected: error.body.details.map((detail) => ({ file: '', reason: detail.message })) };
        }
        throw error;
      }
    },
    async replaceContent(id, file) {
      const form = new FormData();
      form.append('file', file, file.name);
      return { data: await send(`/storage/${encodeURIComponent(id)}`, { method: 'PUT', body: form }) };
    },
    /** A file's bytes, as a Blob, with the key (an <img src> cannot send one). */
    async content(id) {
      const response = await fetch(`/storage/${encodeURIComponent(id)}/content`, {
        headers: { Authorization: `Bearer ${token()}` },
      });
      if (!response.ok) throw errorOf(response, await response.json().catch(() => null));
      return response.blob();
    },
  };
}
