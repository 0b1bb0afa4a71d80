/**
 * An nginx.conf for a throwaway nginx run as this user: everything it writes (pid, error log,
 * temp files) stays in `dir`, and `http` is the body of its `http` block.
 */
export function nginxConf(dir: string, workerConnections: number, http: string): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http}}
`;
}
