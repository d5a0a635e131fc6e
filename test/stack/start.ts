import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { logInfra } from '../../deploy/local/src/infra-log';
import { startStack } from './stack';

/* `npm start`: the whole stack on local defaults in the foreground, until Ctrl-C. */
async function main(): Promise<void> {
  const cleanup = new CleanupStack();
  const stop = (code: number) => void cleanup.run().then(() => process.exit(code));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(0));
  try {
    const stack = await startStack({ purpose: 'demo', ports: 'default', users: 1000, cleanup });
    for (const app of Object.values(stack.apps)) logInfra(`${app.name.padEnd(17)} ${app.url}`);
    logInfra(`lark simulator    ${stack.simulator.url}`);
    logInfra(`admin token       ${stack.adminToken}  (this run only)`);
    logInfra('running; Ctrl-C stops everything');
  } catch (error) {
    logInfra(`could not start the stack: ${(error as Error).message}`);
    stop(1);
  }
}

void main();
