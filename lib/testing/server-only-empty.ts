// Empty stand-in for "server-only" under vitest, which runs outside the RSC bundler.
export {};
