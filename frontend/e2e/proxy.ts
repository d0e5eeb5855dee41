/**
 * A weak link for the browser tests: a TCP proxy between Chromium and the server that
 * can lose the answer to one request, drop the link (every connection reset, new ones
 * refused) and stall it (connections stay open, no byte passes either way). The
 * browser believes it is online all along, as behind a hotel's Wi-Fi.
 *
 * It reads the start of what the browser sends on a connection (HTTP/1.1, one request
 * at a time), enough to recognise a request and its Idempotency-Key.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  idempotencyKey: string;
}

type Mode = 'up' | 'down' | 'stall';

interface Conn {
  client: Socket;
  upstream: Socket;
  /** The answer to the request now on this connection is to be lost. */
  loseAnswer: boolean;
  /** Bytes were swallowed during a stall: the connection cannot be used again. */
  spoiled: boolean;
}

export class LinkProxy {
  private server: Server | null = null;
  private mode: Mode = 'up';
  private readonly conns = new Set<Conn>();
  private loseRule: RegExp | null = null;
  /** The requests that reached the server through the proxy, in order. */
  readonly requests: SeenRequest[] = [];
  port = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    return new Promise((ok) =>
      this.server!.listen(0, '127.0.0.1', () => {
        const a = this.server!.address();
        this.port = typeof a === 'object' && a ? a.port : 0;
        ok();
      }),
    );
  }

  /** The next request whose first line matches `rule` reaches the server; its answer is lost (the connection is reset). */
  loseNextAnswer(rule: RegExp) {
    this.loseRule = rule;
  }

  /** The link drops: open connections are reset, new ones refused. */
  down() {
    this.mode = 'down';
    for (const c of this.conns) this.kill(c);
  }

  /** The link stalls: connections stay open but nothing passes. */
  stall() {
    this.mode = 'stall';
  }

  /** The link is back; connections spoiled by a stall are closed (the browser opens new ones). */
  up() {
    this.mode = 'up';
    for (const c of this.conns) if (c.spoiled) this.kill(c);
  }

  async stop() {
    for (const c of this.conns) this.kill(c);
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  private kill(c: Conn) {
    this.conns.delete(c);
    c.client.resetAndDestroy();
    c.upstream.destroy();
  }

  private accept(client: Socket) {
    if (this.mode === 'down') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(this.target.port), this.target.hostname);
    const c: Conn = { client, upstream, loseAnswer: false, spoiled: false };
    this.conns.add(c);
    client.on('data', (d: Buffer) => {
      if (this.mode !== 'up') {
        c.spoiled = true;
        return;
      }
      const head = d.toString('latin1', 0, Math.min(d.length, 4096));
      const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(head);
      if (line) {
        const key = /\r\nidempotency-key: *([^\r\n]*)/i.exec(head)?.[1] ?? '';
        this.requests.push({ method: line[1]!, path: line[2]!, idempotencyKey: key });
        if (this.loseRule?.test(`${line[1]} ${line[2]}`)) {
          this.loseRule = null;
          c.loseAnswer = true;
        }
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (c.loseAnswer) return this.kill(c);
      if (this.mode !== 'up') {
        c.spoiled = true;
        return;
      }
      client.write(d);
    });
    const end = () => {
      if (this.conns.has(c)) this.kill(c);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
