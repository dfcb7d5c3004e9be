/**
 * The layers of src/, highest first (docs/architecture.md, "Layers"). A module may import its
 * own layer and the layers below it, never one above: a lower layer never calls back up.
 * `npm run lint` runs this; a cycle between any two modules fails it too.
 */
const LAYERS = [
  { name: 'entry', paths: ['^src/(main|cli|service)\\.ts$', '^src/cli/'] },
  { name: 'http', paths: ['^src/http/'] },
  { name: 'jobs', paths: ['^src/jobs/'] },
  { name: 'effects', paths: ['^src/effects/'] },
  { name: 'queue', paths: ['^src/queue/'] },
  { name: 'texts', paths: ['^src/texts/'] },
  { name: 'rules', paths: ['^src/rules/'] },
  { name: 'events', paths: ['^src/events/'] },
  { name: 'forum', paths: ['^src/forum/'] },
  { name: 'store', paths: ['^src/store/'] },
  { name: 'intake', paths: ['^src/intake/'] },
  { name: 'config', paths: ['^src/config/'] },
  { name: 'leaves', paths: ['^src/words/', '^src/(log|metrics)\\.ts$'] },
];

const upward = LAYERS.slice(1).map((layer, i) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `${layer.name} may not import a layer above it: ${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(', ')}`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: LAYERS.slice(0, i + 1).flatMap((l) => l.paths) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Two modules that import each other, however far round: one of them belongs lower.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
    {
      name: 'receiver-reads-no-rules',
      comment: "The webhook receiver verifies and classifies; reading the thread is the jobs' work.",
      severity: 'error',
      from: { path: '^src/http/webhook\\.ts$' },
      to: { path: '^src/rules/', reachable: true },
    },
    {
      name: 'pure-rules-and-texts',
      comment: 'The rules and the texts are pure: no file, network or process access, no clock of their own.',
      severity: 'error',
      from: { path: '^src/(rules|texts|words|events)/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|worker_threads|dgram|dns|tls|cluster|process)(/|$)',
      },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(test|bench|scripts|dist|docs)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
