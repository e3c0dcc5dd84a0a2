// Reads the resources from the service's OpenAPI document (/specification.json): a
// resource is a path /x whose GET answers an array of records and which has /x/{id}.
// Its fields come from the record's schema; its operations from the methods the paths
// offer; the rule of each operation from the "Access: <rule>" line the service writes
// into every operation's description (see docs/security.md, "The OpenAPI document").

const METHODS = {
  list: ['collection', 'get'],
  create: ['collection', 'post'],
  read: ['item', 'get'],
  update: ['item', 'put'],
  delete: ['item', 'delete'],
};

export function resourcesOf(spec) {
  const schemas = spec.components?.schemas ?? {};
  const resources = [];
  for (const [path, collection] of Object.entries(spec.paths ?? {})) {
    const match = /^\/([a-z0-9][a-z0-9-]*)$/.exec(path);
    const item = spec.paths[`${path}/{id}`];
    if (!match || !item || !collection.get) continue;
    const ref = collection.get.responses?.['200']?.content?.['application/json']?.schema?.items?.$ref;
    const schema = ref && schemas[ref.split('/').pop()];
    if (!schema?.properties) continue;
    const paths = { collection, item };
    const operations = {};
    for (const [name, [where, method]] of Object.entries(METHODS)) {
      const operation = paths[where][method];
      operations[name] = operation ? rulesOf(operation.description) : null;
    }
    // a create that takes JSON; /storage takes files instead
    if (collection.post && !collection.post.requestBody?.content?.['application/json']) {
      operations.upload = operations.create;
      operations.create = null;
    }
    if (item.put && !item.put.requestBody?.content?.['application/json']) {
      operations.replace = operations.update;
      operations.update = null;
    }
    const name = match[1];
    resources.push({ name, schemaName: ref.split('/').pop(), fields: fieldsOf(schema), operations });
  }
  for (const resource of resources) {
    for (const field of resource.fields) {
      const target = /^(.+)Id$/.exec(field.name)?.[1];
      const referenced = target && resources.find((other) => other.name === kebab(target));
      if (referenced) field.reference = referenced.name;
    }
    resource.softDeletable = resource.fields.some((field) => field.name === 'deletedAt');
    resource.searchable = resource.fields.some((field) => field.kind === 'text' && field.name !== 'id');
  }
  return resources;
}

function kebab(name) {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** "List records…\n\nAccess: role:admin; with includeDeleted=true also: role:admin" */
function rulesOf(description = '') {
  const line = description.split('\n').reverse().find((l) => l.startsWith('Access: ')) ?? '';
  const rules = { rule: null, includeDeleted: null, permanent: null };
  line.replace(/^Access: /, '').split('; ').forEach((part, index) => {
    if (index === 0) rules.rule = part;
    const also = /^with (includeDeleted|permanent)=true also: (.*)$/.exec(part);
    if (also) rules[also[1]] = also[2];
  });
  return rules;
}

function fieldsOf(schema) {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    kind: kindOf(property),
    choices: property.enum,
    readOnly: Boolean(property.readOnly) || name === 'id',
    required: required.has(name),
    maxLength: property.maxLength,
    description: property.description,
  }));
}

function kindOf(property) {
  if (property.enum) return 'enum';
  if (property.type === 'string' && property.format === 'date-time') return 'timestamp';
  if (property.type === 'string' && property.format === 'email') return 'email';
  if (property.type === 'string') return 'text';
  if (property.type === 'integer') return 'integer';
  if (property.type === 'number') return 'number';
  if (property.type === 'boolean') return 'boolean';
  return 'json';
}

/**
 * Whether a caller with these roles meets a rule ("public", "authenticated", "owner",
 * "role:x", comma-separated alternatives); the admin role passes every rule. An "owner"
 * rule admits any caller, for its own records.
 */
export function admits(rule, session) {
  if (rule == null) return false;
  if (session?.roles?.includes('admin')) return true;
  return rule.split(',').map((alternative) => alternative.trim()).some((alternative) => {
    if (alternative === 'public') return true;
    if (alternative === 'authenticated' || alternative === 'owner') return Boolean(session?.authenticated);
    return alternative.startsWith('role:') && Boolean(session?.roles?.includes(alternative.slice(5)));
  });
}

/** What the caller may do on a resource: the operations its rules admit. */
export function abilities(resource, session) {
  const op = (name) => resource.operations[name];
  const may = (name) => Boolean(op(name)) && admits(op(name).rule, session);
  return {
    list: may('list'),
    read: may('read'),
    create: may('create'),
    update: may('update'),
    delete: may('delete'),
    upload: may('upload'),
    replace: may('replace'),
    includeDeleted: resource.softDeletable && may('list') && admits(op('list').includeDeleted, session),
    permanentDelete: resource.softDeletable && may('delete') && admits(op('delete').permanent, session),
    restore: resource.softDeletable && Boolean(session?.roles?.includes('admin')),
  };
}
