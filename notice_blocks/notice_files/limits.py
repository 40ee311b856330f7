"""The limits within which a notice file is read (docs/notice-format.md, “Limits”).

A notice file may come from anywhere, so reading one is bounded in time and memory: a file
beyond any of these limits is refused, with a message that names the limit, before it can
cost much of either. Real notices stay far below them (a long notice is about 30 KB, 600
values and 10 levels deep).
"""

#: The largest file read, in bytes (2 MiB). Only one byte more than this is ever read.
MAX_FILE_BYTES = 2 * 1024 * 1024

#: YAML aliases (``*name``) in a file. A notice file needs none; they are allowed only for
#: the few that a hand-written file may use, never enough to multiply the work of reading.
MAX_ALIASES = 20

#: Values (mappings, lists, text, numbers, dates…) in a file, counting every value an alias
#: stands for as many times as it is used.
MAX_VALUES = 50_000

#: How deep mappings and lists nest, the file's top-level mapping being 1.
MAX_DEPTH = 40

#: Items in one list.
MAX_LIST_ITEMS = 1_000

#: Keys in one mapping.
MAX_MAPPING_KEYS = 100

#: Characters in one text value (or key).
MAX_TEXT_LENGTH = 100_000

#: Versions in a notice's history: a notice given a new version every month for forty years
#: has 480.
MAX_HISTORY_VERSIONS = 500

#: The largest whole number, positive or negative: the largest a database integer holds.
MAX_INTEGER = 2**63 - 1


def number(value: int) -> str:
    """A limit as written in messages: ``100,000``."""
    return f"{value:,}"


def file_size(value: int) -> str:
    """A size in bytes as written in messages: ``2 MiB (2,097,152 bytes)``."""
    return f"{value // (1024 * 1024)} MiB ({number(value)} bytes)"
