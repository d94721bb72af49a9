// Zod without its eval probe (issue 10 item 6): zod compiles object parsers with `new Function` when it
// may, and checks whether it may with `Function('')` as each z.object is built, at import time. Under the
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') that check is blocked and reported as a
// violation. zod reads globalThis.__zod_globalConfig when it loads; this classic script runs before the
// app's module scripts, so every schema is built jitless (the interpreted parser zod falls back to anyway).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true })
