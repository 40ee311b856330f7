"""The throwaway PostgreSQL databases of the benchmarks, made and dropped on one server."""

from urllib.parse import urlsplit


def create_database(admin_url: str, name: str) -> str:
    """Create database ``name`` on the server of ``admin_url``; the new database's URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(admin_url)._replace(path=f"/{name}").geturl()


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
