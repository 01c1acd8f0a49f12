// The server's folders and the folders each may import (apps/server/src/<folder>/...). Imports
// point one way, down these layers; main.ts, app.module.ts and bootstrap.ts (the root) assemble
// everything. docs/ARCHITECTURE.md explains each folder. The rule below reports an import outside
// this map, and the map is checked to have no cycle when the lint configuration loads, so the
// folders of the server cannot depend on each other in a circle.
import { dirname, relative, resolve, sep } from 'node:path';

const base = ['settings', 'logging', 'identity', 'common'];
export const SERVER_LAYERS = {
  settings: [],
  runtime: [],
  identity: [],
  logging: ['settings'],
  common: ['settings', 'logging', 'identity'],
  database: ['settings', 'logging', 'common'],
  cluster: [...base, 'database'],
  ops: [...base, 'cluster', 'database'],
  auth: [...base, 'database', 'cluster'],
  realtime: [...base, 'auth'],
  grpc: [...base, 'auth', 'cluster'],
  namespaces: [...base, 'database', 'cluster', 'auth', 'realtime'],
  naming: [...base, 'database', 'cluster', 'auth', 'realtime', 'grpc', 'namespaces'],
  'config-center': [...base, 'database', 'cluster', 'auth', 'realtime', 'grpc', 'namespaces', 'naming'],
  governance: [...base, 'database', 'cluster', 'auth', 'realtime', 'namespaces', 'config-center'],
  audit: [...base, 'auth', 'namespaces', 'naming', 'config-center', 'governance', 'ops'],
  overview: [...base, 'auth', 'realtime', 'grpc', 'namespaces', 'naming', 'config-center', 'governance'],
  webhooks: [...base, 'database', 'cluster', 'auth', 'namespaces', 'naming', 'config-center', 'governance'],
  'console-static': [...base],
};

// A cycle in the map, as a list of folders, or undefined.
export function findCycle(layers) {
  const state = new Map();
  const visit = (folder, path) => {
    if (state.get(folder) === 'done') return undefined;
    if (state.get(folder) === 'open') return [...path.slice(path.indexOf(folder)), folder];
    state.set(folder, 'open');
    for (const next of layers[folder] ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    state.set(folder, 'done');
    return undefined;
  };
  for (const folder of Object.keys(layers)) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

const cycle = findCycle(SERVER_LAYERS);
if (cycle) throw new Error(`tools/lint/server-layers.mjs: the allowed imports form a cycle: ${cycle.join(' → ')}`);

const serverSrc = resolve(import.meta.dirname, '..', '..', 'apps', 'server', 'src');

// The top folder of a path under apps/server/src ('' for the root files), or undefined outside.
function topFolder(path) {
  const rel = relative(serverSrc, path);
  if (rel.startsWith('..') || rel === '') return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '';
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { upward: "apps/server/src/{{from}}/ may not import from {{to}}/: imports point down the layers (tools/lint/server-layers.mjs, docs/ARCHITECTURE.md){{hint}}." } },
  create(context) {
    const from = topFolder(context.filename);
    if (from === undefined || from === '') return {};
    const allowed = SERVER_LAYERS[from];
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = topFolder(resolve(dirname(context.filename), source));
      if (to === undefined || to === from) return;
      if (allowed?.includes(to)) return;
      const hint = allowed ? '' : `; ${from}/ is not in the map yet: add it with the folders it may import`;
      context.report({ node, messageId: 'upward', data: { from, to: to || 'the root files', hint } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // lazyRequire<typeof import('x')>('x') and require('x')
      CallExpression: (node) => {
        const callee = node.callee.type === 'Identifier' ? node.callee.name : undefined;
        if ((callee === 'require' || callee === 'lazyRequire') && node.arguments[0]?.type === 'Literal') check(node.arguments[0], node.arguments[0].value);
      },
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

// Specs may reach across layers for their fixtures (a writer spec stores a feature's rows); the
// product code may not.
export default {
  name: 'switchboard/server-layers',
  files: ['apps/server/src/**/*.ts'],
  ignores: ['apps/server/src/**/*.spec.ts'],
  plugins: { switchboard: { rules: { 'server-layers': rule } } },
  rules: { 'switchboard/server-layers': 'error' },
};
