import { createServer } from 'node:net';
import { RedisConnection, redactUrl } from './redis-connection';

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 1;
      server.close(() => resolve(port));
    });
  });
}

describe('RedisConnection', () => {
  it('hides the password of a Redis URL in what it logs', () => {
    expect(redactUrl('redis://:hunter2@redis:6379/0')).toBe('redis://:***@redis:6379/0');
    expect(redactUrl('rediss://user:hunter2@redis.example.org:6380')).toBe('rediss://user:***@redis.example.org:6380');
    expect(redactUrl('redis://redis:6379')).toBe('redis://redis:6379');
  });

  it('gives up on a Redis that does not answer, naming it without its password', async () => {
    const port = await closedPort();
    await expectAsync(RedisConnection.connect(`redis://:hunter2@127.0.0.1:${port}`, 300)).toBeRejectedWithError(
      new RegExp(`^Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} did not answer within 300 ms$`),
    );
  });
});
