export interface NginxConfOptions {
  /** Port nginx listens on (127.0.0.1). */
  port: number;
  /** The nodes' HTTP ports on 127.0.0.1. */
  upstreams: number[];
  /** nginx's prefix directory: pid file, logs and temp paths go here. */
  dir: string;
  /** The nodes' ws ping interval: proxy timeouts must exceed it or nginx cuts idle sockets. */
  heartbeatMs: number;
}

/**
 * An nginx config in front of several Duplex nodes: WebSocket upgrade headers passed through (RFC 6455
 * §4.1 needs `Upgrade` and `Connection: Upgrade`, which are hop-by-hop and dropped unless set again),
 * read/send timeouts above the heartbeat, and a node failing over to the next on connect errors.
 */
export function nginxConf(o: NginxConfOptions): string {
  const timeoutS = Math.ceil((o.heartbeatMs * 2) / 1000) + 5;
  const servers = o.upstreams
    .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`)
    .join("\n");
  return `daemon off;
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${o.dir}/client_body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }
  upstream duplex {
${servers}
  }
  server {
    listen 127.0.0.1:${o.port};
    location / {
      proxy_pass http://duplex;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout ${timeoutS}s;
      proxy_send_timeout ${timeoutS}s;
      proxy_next_upstream error timeout http_503;
      proxy_buffering off;
    }
  }
}
`;
}
