"""The one kind of error a user can fix: bad input. Its message names the file, the line
(or chart id) and the fix. Entry points print it and exit non-zero with no traceback."""


class InputError(Exception):
    """Bad content or data: str(error) is the whole message shown to the editor."""
