import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SlackStandIn, type SeedUser } from './server.js';

/**
 * Runs the Slack stand-in on its own for the demo:
 * `node dist/sandbox/slack/main.js --port 8091 [--token xoxb-...] [--users users.json] [--channel C0ADMIN]`.
 * Prints the Web API base URL to set as `slack.apiUrl`; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      users: { type: 'string' },
      channel: { type: 'string', multiple: true },
    },
  });
  const users = values.users ? (JSON.parse(readFileSync(values.users, 'utf8')) as SeedUser[]) : [];
  const standIn = new SlackStandIn({
    ...(values.token ? { token: values.token } : {}),
    users,
    channels: values.channel ?? [],
  });
  const url = await standIn.listen(Number(values.port));
  // The token is not printed: with --token it may be one someone cares about.
  process.stdout.write(`Slack stand-in listening on ${url}\n`);
  const stop = (): void => {
    void standIn.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
