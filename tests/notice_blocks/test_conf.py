"""Every NOTICE_* setting is declared once, with its default, read through conf, documented."""

import ast
import re
from pathlib import Path

import pytest
from django.test import override_settings

from notice_blocks import conf
from notice_blocks.pdf import conf as pdf_conf

APP = Path(conf.__file__).parent
DOCS = APP.parent / "docs" / "settings.md"
ROW = re.compile(r"^\| `(NOTICE_\w+)` \| `(.+?)` \| (.+) \|$", re.M)


def test_the_app_reads_only_declared_settings_and_only_through_conf():
    read = set()
    for path in APP.rglob("*.py"):
        source = path.read_text()
        assert not re.search(r"getattr\(settings, \"NOTICE_", source), path
        read |= set(re.findall(r"(?:setting|SettingValue)\(\s*\"(NOTICE_\w+)\"", source))
    assert read
    assert read <= set(conf.SETTINGS)


def test_the_docs_list_every_setting_with_its_default_and_meaning():
    rows = {name: (default, meaning) for name, default, meaning in ROW.findall(DOCS.read_text())}
    assert list(rows) == list(conf.SETTINGS)
    for name, declared in conf.SETTINGS.items():
        default, meaning = rows[name]
        assert ast.literal_eval(default) == declared.default, name
        assert meaning == declared.meaning, name


def test_a_site_overrides_a_default():
    assert pdf_conf.max_attempts() == conf.SETTINGS["NOTICE_PDF_MAX_ATTEMPTS"].default
    with override_settings(NOTICE_PDF_MAX_ATTEMPTS=7, NOTICE_PDF_RETRY_SECONDS=10):
        assert pdf_conf.max_attempts() == 7
        assert pdf_conf.retry_delay(3).total_seconds() == 40


def test_an_app_declares_its_settings_once(monkeypatch):
    monkeypatch.setattr(conf, "SETTINGS", {**conf.SETTINGS})
    conf.declare(NOTICE_TEST_COLOUR=conf.Setting("blue", "A colour."))
    assert conf.setting("NOTICE_TEST_COLOUR") == "blue"
    with pytest.raises(ValueError, match="already declared: NOTICE_TEST_COLOUR$"):
        conf.declare(
            NOTICE_TEST_SHAPE=conf.Setting("round", "A shape."),
            NOTICE_TEST_COLOUR=conf.Setting("red", "Another colour."),
        )
    assert conf.SETTINGS["NOTICE_TEST_COLOUR"].default == "blue"
    assert "NOTICE_TEST_SHAPE" not in conf.SETTINGS


def test_the_readme_links_the_settings():
    assert "docs/settings.md" in (APP.parent / "README.md").read_text()
