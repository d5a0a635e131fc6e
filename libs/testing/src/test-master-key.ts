/**
 * LARKSYNC_MASTER_KEY of every app a test starts. A test run shares one database, and the gateway's session
 * signing keys in it are sealed under the master key of the first gateway that started: replicas share one
 * master key in production, and so do tests.
 */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
