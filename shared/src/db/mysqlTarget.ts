/** Where a service's MySQL schema is: apart from database.ts so that accounts.ts can use it too. */
export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** `mysql://root@127.0.0.1:3306/credit` + `records` -> schema `credit_records`. */
export function mysqlTarget(dbUrl: string, service: string): MysqlTarget {
  const url = new URL(dbUrl);
  const prefix = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'credit';
  if (!/^[A-Za-z0-9_]{1,40}$/.test(prefix)) throw new Error(`DB_URL database prefix "${prefix}" must be [A-Za-z0-9_]`);
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: `${prefix}_${service}`,
  };
}
