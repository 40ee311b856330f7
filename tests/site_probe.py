"""What a site made without some optional apps does (see ``test_optional_apps``).

Run in that site by ``manage.py shell -c "from tests.site_probe import probe; probe(...)"``:
imports notice files, then fetches the notice and its PDF route. Prints one ``name=value``
line per finding, for the test to read.
"""

from pathlib import Path

from django.test import Client

from notice_blocks.notice_files import NoticeFileError, import_notice, read_notice_file


def probe(folder: str) -> None:
    try:
        import_notice(read_notice_file(Path(folder) / "with-easy-read.yaml"))
    except NoticeFileError as error:
        problem = error.problems[0]
        print(f"easy_read_import_error={problem.location}: {problem.message}")
    else:
        print("easy_read_import_error=")
    page = import_notice(read_notice_file(Path(folder) / "notice.yaml")).page
    client = Client()
    print(f"page_status={client.get(page.url).status_code}")
    print(f"pdf_status={client.get(page.url + 'pdf/').status_code}")
