import pytest

from notice_blocks.completeness import check_notice_page
from tests.utils import make_easy_read_page, make_notice_page

pytestmark = pytest.mark.django_db


def test_scratch():
    page = make_notice_page()
    for f in check_notice_page(page):
        print("FULL", f)
    page2 = make_notice_page(title="No DPO", slug="no-dpo", data_protection_officer=None)
    for f in check_notice_page(page2):
        print("NODPO", f)
    er = make_easy_read_page(page)
    for f in check_notice_page(er):
        print("ER", f)
