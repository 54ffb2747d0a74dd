// CommonJS dialect of lazyRequire.ts (tshy polyfill): CommonJS has `require` already.
export const lazyRequire: NodeJS.Require = require;
