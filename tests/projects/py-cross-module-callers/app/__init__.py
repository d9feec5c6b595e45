from .admin import drop_database
