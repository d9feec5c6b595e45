"""PG201 no-unsafe-query — a module that defines its own ``execute``: calls of that name are the
project's own method, not a driver's (no driver is imported here)."""


class Command:
    def __init__(self, text):
        self.text = text

    def execute(self, extra):
        return self.text + extra


def run(command, name):
    # ok: no-unsafe-query -- Command.execute, defined above
    return command.execute("SELECT id FROM tags WHERE name = '" + name + "'")
