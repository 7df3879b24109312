# Sourced by the benchmarks that compare Minbar with nginx: `nginx_conf PORT ROOT DIR [LINE…]`
# prints the configuration nginx serves `minbar build` output with (one worker, sendfile,
# open_file_cache, gzip_static for the .gz beside each file), its pid and error log in DIR,
# each LINE added at the top (`daemon off;`, `master_process off;`).
nginx_conf() {
  local port=$1 root=$2 dir=$3
  shift 3
  (($#)) && printf '%s\n' "$@"
  cat <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=20000 inactive=60s;
  types { text/html html; text/css css; application/javascript js; application/xml xml; }
  default_type text/html;
  server {
    listen 127.0.0.1:$port;
    root $root;
    charset utf-8;
    location / { gzip_static on; try_files \$uri \$uri/index.html =404; }
  }
}
CONF
}
