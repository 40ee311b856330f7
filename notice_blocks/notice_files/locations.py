"""Locations in a notice file's data, such as ``notice.body[3].value.bases[0].provision``."""


def parent_location(location: str) -> str:
    """``notice.body[3].value`` → ``notice.body[3]`` → ``notice.body`` → ``notice`` → ``""``."""
    if location.endswith("]"):
        return location[: location.rindex("[")]
    return location.rpartition(".")[0]


def child_location(location: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{location}[{key}]"
    return f"{location}.{key}" if location else str(key)
