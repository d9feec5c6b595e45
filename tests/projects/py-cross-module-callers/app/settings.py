import os

import yaml

ARCHIVE_SCHEMA = "archive"


def load_config(path):
    with open(path) as f:
        return yaml.safe_load(f)


CONFIG = load_config(os.environ.get("APP_CONFIG", "app.yaml"))
