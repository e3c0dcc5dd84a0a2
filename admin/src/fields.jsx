import {
  BooleanField, BooleanInput, DateField, DateTimeInput, EmailField, NullableBooleanInput, NumberField,
  NumberInput, ReferenceField, ReferenceInput, SearchInput, SelectField, SelectInput, TextField, TextInput,
  email, maxLength, number, required,
} from 'react-admin';

// One field of a record, shown and edited according to its type in the OpenAPI schema.

const choicesOf = (field) => (field.choices ?? []).map((value) => ({ id: value, name: value }));

export function fieldFor(field, props = {}) {
  const common = { source: field.name, ...props };
  if (field.reference) {
    return (
      <ReferenceField key={field.name} {...common} reference={field.reference} link="show">
        <TextField source="id" />
      </ReferenceField>
    );
  }
  switch (field.kind) {
    case 'timestamp':
      return <DateField key={field.name} {...common} showTime />;
    case 'integer':
    case 'number':
      return <NumberField key={field.name} {...common} />;
    case 'boolean':
      return <BooleanField key={field.name} {...common} />;
    case 'email':
      return <EmailField key={field.name} {...common} />;
    case 'enum':
      return <SelectField key={field.name} {...common} choices={choicesOf(field)} />;
    default:
      return <TextField key={field.name} {...common} />;
  }
}

export function inputFor(field) {
  const validate = [];
  if (field.required) validate.push(required());
  if (field.maxLength) validate.push(maxLength(field.maxLength));
  const common = { source: field.name, validate, helperText: field.description || false };
  if (field.reference) {
    return (
      <ReferenceInput key={field.name} source={field.name} reference={field.reference}>
        <SelectInput optionText="id" validate={validate} />
      </ReferenceInput>
    );
  }
  switch (field.kind) {
    case 'timestamp':
      return <DateTimeInput key={field.name} {...common} parse={(value) => (value ? new Date(value).toISOString() : null)} />;
    case 'integer':
      return <NumberInput key={field.name} {...common} step={1} validate={[...validate, number()]} />;
    case 'number':
      return <NumberInput key={field.name} {...common} validate={[...validate, number()]} />;
    case 'boolean':
      return <BooleanInput key={field.name} {...common} />;
    case 'email':
      return <TextInput key={field.name} {...common} type="email" validate={[...validate, email()]} />;
    case 'enum':
      return <SelectInput key={field.name} {...common} choices={choicesOf(field)} />;
    default:
      return <TextInput key={field.name} {...common} multiline={(field.maxLength ?? 0) > 255} />;
  }
}

/** createdAt → Created at, as react-admin labels a field. */
const humanize = (name) => name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ (\w)/g, (m) => m.toLowerCase());

/** The list's filters: q over every text field, and one per field, as the service reads them. */
export function filtersFor(resource, may) {
  const filters = [];
  if (resource.searchable) filters.push(<SearchInput key="q" source="q" alwaysOn />);
  for (const field of resource.fields) {
    const label = humanize(field.name);
    if (field.reference || field.name === 'id') {
      filters.push(<TextInput key={field.name} source={field.name} label={label} />);
    } else if (field.kind === 'text' || field.kind === 'email') {
      filters.push(<TextInput key={field.name} source={`${field.name}_q`} label={`${label} contains`} />);
    } else if (field.kind === 'enum') {
      filters.push(<SelectInput key={field.name} source={field.name} label={label} choices={choicesOf(field)} />);
    } else if (field.kind === 'boolean') {
      filters.push(<NullableBooleanInput key={field.name} source={field.name} label={label} />);
    } else if (field.kind === 'integer' || field.kind === 'number') {
      filters.push(<NumberInput key={field.name} source={field.name} label={label} />);
    } else if (field.kind === 'timestamp' && field.name !== 'deletedAt') {
      const parse = (value) => (value ? new Date(value).toISOString() : null);
      filters.push(<DateTimeInput key={`${field.name}_gte`} source={`${field.name}_gte`} label={`${label} from`} parse={parse} />);
      filters.push(<DateTimeInput key={`${field.name}_lt`} source={`${field.name}_lt`} label={`${label} before`} parse={parse} />);
    }
  }
  if (may.includeDeleted) {
    filters.push(<BooleanInput key="includeDeleted" source="includeDeleted" label="Show deleted" alwaysOn />);
  }
  return filters;
}
