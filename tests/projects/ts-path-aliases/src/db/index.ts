// The project's pool, imported elsewhere through tsconfig path aliases.
import { Pool } from 'pg';

export const pool = new Pool({ max: 10 });
