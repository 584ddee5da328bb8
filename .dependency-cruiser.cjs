/**
 * The house rules: which folder may import which (`npm run lint`, also run by .ci/run).
 * Floors, bottom up: server/shared/ (text, embeddings, index format, config slice, upstream clients)
 * → server/retrieval/ → server/core/ (answer service, contracts) → server/generators/ → adapters
 * (server/http/, server/slack/, server/cli/) → entry points (server/main.ts, server/build-services.ts,
 * server/cli/*.ts, ingest/cli.ts). ingest/ stands on server/shared/ alone.
 * The entry points wire everything; every other file imports only downwards.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const ENTRY_POINTS = ['^server/main\\.ts$', '^server/build-services\\.ts$', '^server/ingest-bindings\\.ts$', '^server/eval/bank\\.ts$', '^server/cli/[^/]+\\.ts$', '^ingest/cli\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other (also through types) cannot be understood, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'ingest-only-on-shared',
      severity: 'error',
      comment: 'Data flows corpus/ → ingest/ → index → server/: ingest shares only the bottom layer (server/shared/) with the server.',
      from: { path: '^ingest/' },
      to: { path: '^server/', pathNot: '^server/shared/' },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'server/shared/ is what ingest and server both stand on: it imports neither.',
      from: { path: '^server/shared/' },
      to: { path: '^(server|ingest)/', pathNot: '^server/shared/' },
    },
    {
      name: 'server-never-runs-ingest',
      severity: 'error',
      comment: 'Only entry points may build the index (ingest/ensure-index.ts); the rest of server/ reads it through server/shared/.',
      from: { path: '^server/', pathNot: ENTRY_POINTS },
      to: { path: '^ingest/' },
    },
    {
      name: 'retrieval-below-core',
      severity: 'error',
      comment: 'The Retriever seam (retrieval/retriever.ts) describes its own query: retrieval needs nothing above server/shared/.',
      from: { path: '^server/retrieval/' },
      to: { path: '^(server|ingest)/', pathNot: ['^server/shared/', '^server/retrieval/'] },
    },
    {
      name: 'core-knows-no-implementation',
      severity: 'error',
      comment:
        'The answer service and its contracts (Generator in core/generator.ts) are what generators and adapters depend on, never the reverse; build-services.ts plugs implementations in.',
      from: { path: '^server/core/' },
      to: { path: ['^server/(generators|http|slack|cli|lifecycle|eval)/', '^server/(main|build-services|config)\\.ts$', '^ingest/'] },
    },
    {
      name: 'generators-below-adapters',
      severity: 'error',
      comment: 'A generator writes an answer from candidates; it knows no transport.',
      from: { path: '^server/generators/' },
      to: { path: ['^server/(http|slack|cli|lifecycle|eval)/', '^server/(main|build-services)\\.ts$'] },
    },
    {
      name: 'adapters-through-core',
      severity: 'error',
      comment:
        'HTTP (REST, SSE, /v1), Slack and CLI helpers reach answering only through server/core/ (the answer service); they never pick a generator, a retriever or an upstream client themselves.',
      from: { path: '^server/(http|slack|cli)/', pathNot: ENTRY_POINTS },
      to: { path: ['^server/(generators|retrieval)/', '^server/shared/(embeddings|upstream)/', '^server/build-services\\.ts$'] },
    },
    {
      name: 'adapters-apart',
      severity: 'error',
      comment: 'Each adapter is thin and stands alone: what two adapters share belongs in server/core/.',
      from: { path: '^server/(http|slack|cli)/', pathNot: ENTRY_POINTS },
      to: { path: '^server/(http|slack|cli)/', pathNot: '^server/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^server/public/' },
    // `import type` counts: a cycle through types is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages through their "exports" maps as Node does (opencc-js/dict/* exists only there).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
