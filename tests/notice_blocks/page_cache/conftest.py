"""Fixtures of the page cache's tests: a published notice under a published index."""

import pytest

from tests.utils import make_notice_index, make_notice_page


@pytest.fixture
def index():
    return make_notice_index()


@pytest.fixture
def notice(index):
    return make_notice_page(parent=index)
