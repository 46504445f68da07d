// The slash-command baseline: a Bolt app behind the same ExpressReceiver and Express mount as the bot,
// whose `/commit` only acknowledges. Started by the benchmark with PORT and SLACK_SIGNING_SECRET.
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

const port = Number(process.env.PORT);
const signingSecret = process.env.SLACK_SIGNING_SECRET ?? '';
const receiver = new ExpressReceiver({ signingSecret, endpoints: '/', logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  authorize: async () => ({ botToken: 'xoxb-bench' }),
  logLevel: LogLevel.ERROR,
  convoStore: false,
});
app.command('/commit', async ({ ack }) => {
  await ack();
});
const server = express();
server.disable('x-powered-by');
server.use('/slack/events', receiver.router);
server.listen(port, '127.0.0.1', () => process.stdout.write(`bare bolt app listening on ${port}\n`));
