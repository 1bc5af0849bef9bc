/**
 * The worker is a plain Node process, not a React Server Components bundle. Modules it shares with the
 * web app start with `import 'server-only'`, which throws outside the `react-server` condition; running
 * the worker under that condition is not an option, because rendering e-mails needs `react-dom/server`,
 * which that condition forbids. So here, and only here, `server-only` resolves to an empty module.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return nextResolve(specifier, context);
}
