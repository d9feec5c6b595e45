// import types: `import("m").T` and `typeof import("m")` in the positions the grammar rejects
import pg from "pg";

// ok: parse-error
export declare function registry(): import("./registry").Registry<unknown>;
export declare const shapes: import("./shapes").Shapes["all"][];

export async function leaks(pool: pg.Pool, load: <T>() => Promise<T>) {
  const mod = await load<typeof import("./registry")>();
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  return client.query("SELECT name FROM users WHERE id = $1", [mod]);
}

