import net from 'node:net';

/**
 * A TCP port on the loopback interface that nothing listens on right now. Another process could take it
 * before the server binds it; on a benchmark machine that race is remote, and a taken port fails loudly.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
