import path from 'node:path';

/**
 * Keeps bounded contexts apart (ARCHITECTURE.md): code in `server/src/modules/<a>/` may import another
 * context `<b>` only through `modules/<b>/index.ts`; integrations and platform code import no context.
 */
const MODULES = `${path.sep}server${path.sep}src${path.sep}modules${path.sep}`;

function contextOf(file) {
  const at = file.indexOf(MODULES);
  if (at === -1) return undefined;
  const rest = file.slice(at + MODULES.length).split(path.sep);
  return { name: rest[0], inner: rest.slice(1).join('/') };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'A bounded context is imported only through its index.ts' },
    messages: {
      internals:
        '"{{from}}" reaches into the internals of the "{{to}}" context ({{inner}}). Import from modules/{{to}}/index.js instead.',
      platform: '{{layer}} code must not import a bounded context ("{{to}}"); pass what it needs in from the composition root.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const here = contextOf(file);
    const layer = file.includes(`${path.sep}server${path.sep}src${path.sep}platform${path.sep}`)
      ? 'Platform'
      : file.includes(`${path.sep}server${path.sep}src${path.sep}integrations${path.sep}`)
        ? 'Integration'
        : undefined;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = contextOf(path.resolve(path.dirname(file), source));
      if (!target) return;
      if (layer && !file.endsWith('.test.ts')) {
        context.report({ node, messageId: 'platform', data: { layer, to: target.name } });
        return;
      }
      if (!here || here.name === target.name) return;
      if (target.inner === 'index.js' || target.inner === 'index.ts' || target.inner === '') return;
      context.report({ node, messageId: 'internals', data: { from: here.name, to: target.name, inner: target.inner } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
