-- HAProxy's mysql-check account: may log in, nothing more.
CREATE USER IF NOT EXISTS 'haproxy'@'%';
