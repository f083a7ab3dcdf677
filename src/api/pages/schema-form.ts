import type { FieldProblem } from '../../platform/errors/domain-error';
import { maskCpr } from '../../platform/logging/redact';
import { choiceLabel, fieldHint, fieldLabel, instruction } from './field-labels';
import { html, raw, type SafeHtml } from './html';
import { t, type Lang } from './i18n';

/** A JSON Schema of a journey definition, read keyword by keyword. */
type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const propertiesOf = (schema: Schema): Record<string, Schema> =>
  isSchema(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
const requiredOf = (schema: Schema): unknown[] => (Array.isArray(schema.required) ? (schema.required as unknown[]) : []);

export interface FormState {
  lang: Lang;
  /** Prefix of element ids, unique per form on a page. */
  formId: string;
  /** Submitted values by dotted field name (re-shown after an error). */
  values: Record<string, string>;
  /** Problems by dotted field name. */
  errors: Record<string, string>;
  /** An address search in the form: what was searched and the register's hits (`undefined`: it could not answer). */
  address?: { query: string; hits?: { addressId: string; label: string; municipalityCode: string }[]; searched?: boolean };
}

/** An object of the schema that holds a DAR address id and its municipality code: shown as an address search. */
export const isAddress = (prop: Schema) =>
  prop?.type === 'object' && !!propertiesOf(prop).darAddressId && !!propertiesOf(prop).municipalityCode;
const ADDRESS_PARTS = ['darAddressId', 'municipalityCode'];
const addressProblem = (name: string) => ADDRESS_PARTS.some((p) => name.endsWith(`.${p}`));
const ADDRESS_INSTRUCTION = { da: 'Søg efter adressen, og vælg den på listen', en: 'Search for the address and pick it from the list' };

/**
 * The picked hit (`<object>._pick` = "addressId|municipalityCode") written into the object's two
 * fields, so the engine gets both from the register and the person types neither.
 */
export function applyAddressPicks(schema: Schema, body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  for (const [key, prop] of Object.entries(propertiesOf(schema))) {
    if (!isAddress(prop)) continue;
    const pick = typeof body[`${key}._pick`] === 'string' ? String(body[`${key}._pick`]) : '';
    const [addressId, municipalityCode] = pick.split('|');
    delete out[`${key}.darAddressId`];
    delete out[`${key}.municipalityCode`];
    if (addressId && municipalityCode)
      Object.assign(out, { [`${key}.darAddressId`]: addressId, [`${key}.municipalityCode`]: municipalityCode });
  }
  return out;
}

function addressField(name: string, label: SafeHtml, prop: Schema, s: FormState): SafeHtml {
  const qid = fieldId(s, `${name}.darAddressId`);
  const problem = s.errors[`${name}.darAddressId`] ?? s.errors[`${name}.municipalityCode`] ?? s.errors[name];
  const say = (da: string, en: string) => (s.lang === 'da' ? da : en);
  const hits = s.address?.hits;
  const picked = s.values[`${name}._pick`] ?? '';
  const rest = { ...prop, properties: Object.fromEntries(Object.entries(propertiesOf(prop)).filter(([k]) => !ADDRESS_PARTS.includes(k))) };
  const hint = say(
    'Vej og husnummer, postnummer eller by, fx "Vesterbrogade 12, 1620".',
    'Street and number, postcode or town, e.g. "Vesterbrogade 12, 1620".',
  );
  const unanswered = say(
    'Adresseregistret svarer ikke lige nu. Prøv igen om lidt.',
    'The address register is not answering right now. Try again shortly.',
  );
  const noMatch = say(
    'Ingen adresser passer på søgningen. Prøv med vej og husnummer, eller postnummer.',
    'No address matches. Try street and number, or the postcode.',
  );
  const problemText = problem
    ? html`<span class="form-error-message"
        id="${qid}-error"><span class="sr-only">${t(s.lang, 'errorPrefix')}: </span>${ADDRESS_INSTRUCTION[s.lang]}</span>`
    : '';
  const hit = (h: { addressId: string; label: string; municipalityCode: string }, i: number, count: number) => {
    const value = `${h.addressId}|${h.municipalityCode}`;
    return html`<li><input type="radio" class="form-radio" id="${qid}-hit-${i}" name="${name}._pick"
          value="${value}"${picked === value || count === 1 ? ' checked' : ''}>
      <label for="${qid}-hit-${i}">${h.label}</label></li>`;
  };
  return html`<fieldset class="mt-5" id="${fieldId(s, name)}"><legend class="h4">${label}</legend>
    <div class="form-group${problem ? ' form-error' : ''}">
      <label class="form-label" for="${qid}">${say('Søg efter adressen', 'Search for the address')}</label>
      <span class="form-hint" id="${qid}-hint">${hint}</span>
      ${problemText}
      <input class="form-input" id="${qid}" name="addressQuery" value="${s.address?.query ?? ''}" maxlength="120"
        autocomplete="street-address"
        aria-describedby="${qid}-hint${problem ? ` ${qid}-error` : ''}">
    </div>
    <button type="submit" name="_action" value="search-address"
      class="button button-secondary">${say('Søg adresse', 'Search address')}</button>
    ${s.address?.searched && hits === undefined ? html`<p class="mt-4" role="status">${unanswered}</p>` : ''}
    ${s.address?.searched && hits?.length === 0 ? html`<p class="mt-4" role="status">${noMatch}</p>` : ''}
    ${
      hits?.length
        ? html`<fieldset class="form-group mt-4"><legend class="form-label">${say('Vælg adressen', 'Pick the address')}</legend>
          <ul class="nobullet-list">${hits.map((h, i) => hit(h, i, hits.length))}</ul></fieldset>`
        : ''
    }
    ${schemaFields(rest, s, `${name}.`)}
  </fieldset>`;
}

const fieldId = (s: FormState, name: string) => `${s.formId}-${name.replace(/[^A-Za-z0-9]/g, '-')}`;

/**
 * HTML form controls for a JSON Schema object (the journeys' start answers and event data):
 * text, date, number, yes/no radios, choice radios or a select, nested objects as fieldsets.
 * Plain HTML, so the forms work without JavaScript.
 */
export function schemaFields(schema: Schema, s: FormState, prefix = ''): SafeHtml {
  const required = requiredOf(schema);
  return html`${Object.entries(propertiesOf(schema)).map(([key, prop]) => field(`${prefix}${key}`, key, prop, required.includes(key), s))}`;
}

function field(name: string, key: string, prop: Schema, required: boolean, s: FormState): SafeHtml {
  const id = fieldId(s, name);
  const label = html`${fieldLabel(s.lang, key, prop)}${required ? '' : html` <span class="weight-normal">${t(s.lang, 'optional')}</span>`}`;
  const error = s.errors[name];
  const hintText = fieldHint(s.lang, prop);
  const hint = hintText ? html`<span class="form-hint" id="${id}-hint">${hintText}</span>` : '';
  const describedBy = [hintText ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const problem = error ? instruction(s.lang, fieldLabel(s.lang, key, prop), error, prop) : '';
  const errorText = error
    ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${t(s.lang, 'errorPrefix')}: </span>${problem}</span>`
    : '';
  const group = (inner: SafeHtml) => html`<div class="form-group${error ? ' form-error' : ''}">${inner}</div>`;

  if (isAddress(prop)) return addressField(name, label, prop, s);
  if (prop.type === 'object') {
    return html`<fieldset class="mt-5" id="${id}">
      <legend class="h4">${label}</legend>${errorText}${schemaFields(prop, s, `${name}.`)}</fieldset>`;
  }
  const choices: { value: string; text: string }[] | undefined =
    prop.type === 'boolean'
      ? [
          { value: 'true', text: t(s.lang, 'yes') },
          { value: 'false', text: t(s.lang, 'no') },
        ]
      : Array.isArray(prop.enum)
        ? prop.enum.map((v: unknown) => ({ value: String(v), text: choiceLabel(s.lang, String(v), prop) }))
        : undefined;
  const value = s.values[name] ?? '';
  if (choices && choices.length <= 6) {
    return group(html`<fieldset id="${id}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
      <legend class="form-label">${label}</legend>${hint}${errorText}
      <ul class="nobullet-list">${choices.map(
        (c, i) => html`<li><input type="radio" class="form-radio" id="${id}-${i}" name="${name}"
            value="${c.value}"${value === c.value ? ' checked' : ''}${required ? ' required' : ''}>
          <label for="${id}-${i}">${c.text}</label></li>`,
      )}</ul></fieldset>`);
  }
  if (choices) {
    return group(html`<label class="form-label" for="${id}">${label}</label>${hint}${errorText}
      <select class="form-select" id="${id}" name="${name}"
        ${describedBy ? html` aria-describedby="${describedBy}"` : ''}${required ? ' required' : ''}>
        <option value=""></option>
          ${choices.map((c) => html`<option value="${c.value}"${value === c.value ? ' selected' : ''}>${c.text}</option>`)}
      </select>`);
  }
  const type = prop.format === 'date' ? 'date' : prop.type === 'integer' || prop.type === 'number' ? 'number' : 'text';
  const attrs = [
    required ? ' required' : '',
    // Numbers only (from the definitions), so they are safe to write unescaped.
    Number.isFinite(prop.maxLength) ? ` maxlength="${Number(prop.maxLength)}"` : '',
    prop.type === 'integer' ? ' step="1"' : '',
    Number.isFinite(prop.minimum) ? ` min="${Number(prop.minimum)}"` : '',
    Number.isFinite(prop.maximum) ? ` max="${Number(prop.maximum)}"` : '',
  ].join('');
  return group(html`<label class="form-label" for="${id}">${label}</label>${hint}${errorText}
    <input class="form-input" type="${type}" id="${id}" name="${name}" value="${value}"
      ${describedBy ? html` aria-describedby="${describedBy}"` : ''}${raw(attrs)}>`);
}

/** Submitted form fields (strings) → data of the schema's types. Empty optional fields are left out. */
export function formToData(schema: Schema, body: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(propertiesOf(schema))) {
    const name = `${prefix}${key}`;
    if (prop.type === 'object') {
      const nested = formToData(prop, body, `${name}.`);
      if (Object.keys(nested).length || requiredOf(schema).includes(key)) out[key] = nested;
      continue;
    }
    const rawValue = body[name];
    const text = typeof rawValue === 'string' ? rawValue.trim() : Array.isArray(rawValue) ? String(rawValue[0] ?? '').trim() : '';
    if (text === '') continue;
    if (prop.type === 'boolean') out[key] = text === 'true' ? true : text === 'false' ? false : text;
    else if ((prop.type === 'integer' || prop.type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) out[key] = Number(text);
    else out[key] = text;
  }
  return out;
}

/** The submitted strings, to show again next to the errors. */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The submitted strings as a form with errors shows them again, less any value holding a CPR-like
 * number: whatever field it was typed into, it is never echoed back (the citizen types it again).
 */
export function redisplayed(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, maskCpr(v) === v ? v : '']));
}

/** Engine problems (`data.reportedOn`, `answers.newAddress.darAddressId`) → form field names. */
export function fieldErrors(fields: FieldProblem[] | undefined, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields ?? []) {
    const name = f.field.startsWith(`${root}.`) ? f.field.slice(root.length + 1) : f.field;
    out[name] ??= f.reason;
  }
  return out;
}

/** Dotted names of a schema's fields in the order the form shows them. */
function fieldOrder(schema: Schema, prefix = ''): string[] {
  return Object.entries(propertiesOf(schema)).flatMap(([key, prop]) => [
    `${prefix}${key}`,
    ...(prop.type === 'object' ? fieldOrder(prop, `${prefix}${key}.`) : []),
  ]);
}

function propertyAt(schema: Schema, name: string): Schema {
  let node: Schema | undefined = schema;
  for (const key of name.split('.')) node = node && propertiesOf(node)[key];
  return node ?? {};
}

/**
 * The error summary at the top of a form: each problem as an instruction linking to its field, in
 * the order of the fields. It takes the focus when the page loads, so a screen reader starts there.
 */
export function errorSummary(s: FormState, schema: Schema): SafeHtml {
  const order = fieldOrder(schema);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const seen = new Set<string>();
  const entries = Object.entries(s.errors)
    .map(([name, reason]): [string, string] =>
      addressProblem(name) ? [name.replace(/\.[^.]+$/, '.darAddressId'), ADDRESS_INSTRUCTION[s.lang]] : [name, reason],
    )
    .filter(([name]) => !seen.has(name) && !!seen.add(name))
    .sort(([a], [b]) => rank(a) - rank(b));
  if (!entries.length) return html``;
  return html`<div class="alert alert-error mt-4" role="alert" aria-labelledby="${s.formId}-summary" tabindex="-1" autofocus>
    <div class="alert-body"><p class="alert-heading" id="${s.formId}-summary">${t(s.lang, 'errorSummary')}</p>
      <ul class="alert-text nobullet-list">${entries.map(([name, reason]) => {
        const prop = propertyAt(schema, name);
        const text = addressProblem(name) ? reason : instruction(s.lang, fieldLabel(s.lang, name.split('.').pop()!, prop), reason, prop);
        return html`<li><a href="#${fieldId(s, name)}">${text}</a></li>`;
      })}</ul>
    </div></div>`;
}
