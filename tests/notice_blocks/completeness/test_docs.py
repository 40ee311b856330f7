"""docs/completeness.md lists the rules as they are."""

from pathlib import Path

from django.conf import settings

from notice_blocks.completeness.table import rules_table

DOC = Path(settings.BASE_DIR) / "docs" / "completeness.md"
START = "<!-- rules: the output of `check_notice --rules` -->\n"
END = "<!-- end of rules -->"


def test_the_table_of_rules_in_the_docs_is_the_list_of_rules():
    text = DOC.read_text()
    table = text[text.index(START) + len(START) : text.index(END)]
    assert table == rules_table(), (
        "docs/completeness.md: replace the table with the output of "
        "`python manage.py check_notice --rules`"
    )
