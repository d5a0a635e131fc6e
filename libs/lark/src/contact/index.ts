/** Lark contact API v3 client used by the full sync. */
export {};
