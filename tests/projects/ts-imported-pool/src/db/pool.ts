// The pool, exported by name and as the default export.
import { Pool } from 'pg';

export const pool = new Pool({ max: 20 });
export default pool;
