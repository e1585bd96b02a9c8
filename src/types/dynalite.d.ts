declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    /** LevelDB directory; in memory when unset. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  /** A DynamoDB-compatible HTTP server (not yet listening). */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
