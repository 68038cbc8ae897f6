/**
 * GeoReport v2 documents, written once as plain values and rendered as XML or as JSON by the
 * Spark convention the specification uses (http://wiki.open311.org/JSON_and_XML_Conversion):
 * an XML list is a JSON array whose items are the repeated child elements, a null is an empty
 * element. `itemNames` says what each list's child elements are called.
 */
export type SparkValue = string | number | boolean | null | SparkValue[] | { [key: string]: SparkValue };

/** The element name of the items of each list in GeoReport v2 documents. */
export const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

// Characters XML 1.0 does not allow at all (form feeds, NULs … pasted into a description).
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text escaped for XML element content (there are no attributes, so quotes stay as they are). */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function element(name: string, value: SparkValue, indent: string): string {
  if (value === null || value === '') return `${indent}<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`spark-xml: no item name for the list <${name}>`);
    if (value.length === 0) return `${indent}<${name}></${name}>`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return children.length ? `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}></${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML document of a value under the root element `root`, with the UTF-8 declaration the spec requires. */
export function toXml(root: string, value: SparkValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`;
}
