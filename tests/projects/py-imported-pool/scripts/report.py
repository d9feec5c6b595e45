"""A script beside the package: `import app.db` resolves from an ancestor directory."""

import app.db as db


def main():
    # ruleid: no-missing-client-release
    conn = db.pool.getconn()
    conn.cursor().execute("SELECT count(*) FROM users")
