/**
 * Plex-style XML from the JSON shape: scalar fields become attributes (booleans as 1/0), arrays of objects
 * become repeated child elements, nested objects a single child element. `elementName` picks a
 * child's element name (Plex names `Metadata` items `Video` or `Directory` by type).
 */
export type ElementNamer = (key: string, value: Record<string, unknown>) => string;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attribute(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return undefined;
}

export function toXml(name: string, value: Record<string, unknown>, elementName: ElementNamer = (key) => key): string {
  const attrs: string[] = [];
  const children: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const attr = attribute(field);
    if (attr !== undefined) {
      attrs.push(`${key}="${escapeXml(attr)}"`);
    } else if (Array.isArray(field)) {
      for (const entry of field) {
        if (entry && typeof entry === 'object') {
          const child = entry as Record<string, unknown>;
          children.push(toXml(elementName(key, child), child, elementName));
        }
      }
    } else if (field && typeof field === 'object') {
      children.push(toXml(elementName(key, field as Record<string, unknown>), field as Record<string, unknown>, elementName));
    }
  }
  const open = attrs.length ? `<${name} ${attrs.join(' ')}` : `<${name}`;
  return children.length ? `${open}>\n${children.join('\n')}\n</${name}>` : `${open} />`;
}

export function xmlDocument(name: string, value: Record<string, unknown>, elementName?: ElementNamer): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(name, value, elementName)}\n`;
}
