"""What renders of notice PDFs share in one process, the warm-up before a worker forks, and
the garbage collector paused while a render runs."""

import gc
import os
import threading
from io import BytesIO
from pathlib import Path

import pytest
import weasyprint
from pdfminer.high_level import extract_text

from notice_blocks.pdf import reuse
from notice_blocks.pdf.rendering import (
    PDF_OPTIONS,
    collection_deferred,
    generated_content_css,
    variant_stylesheets,
    warm_up,
)
from notice_blocks.pdf.text_mapping import ExactTextFinisher
from notice_blocks.pdf.variants import LARGE_PRINT, STANDARD

SAMPLE = """<!doctype html><html lang="en"><head><title>Sample</title></head>
<body><h1>Sample notice</h1><p lang="bn">গোপনীয়তা বিজ্ঞপ্তি</p></body></html>"""


def render_sample() -> bytes:
    html = weasyprint.HTML(string=SAMPLE)
    return html.write_pdf(
        stylesheets=variant_stylesheets(STANDARD),
        finisher=ExactTextFinisher(),
        font_config=reuse.font_configuration(),
        **PDF_OPTIONS,
    )


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_warm_up_starts_no_thread_and_a_forked_process_renders_with_its_state():
    before = os_threads()
    warm_up()
    assert os_threads() == before

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render with the state made before the fork, report the text
        os.close(read)
        try:
            text = extract_text(BytesIO(render_sample()))
            os.write(write, text.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        child_text = pipe.read().decode()
    os.waitpid(pid, 0)
    assert "Sample notice" in child_text
    assert "গোপনীয়তা বিজ্ঞপ্তি" in child_text
    assert child_text == extract_text(BytesIO(render_sample()))


def test_a_thread_has_its_own_font_configuration():
    here = reuse.font_configuration()
    assert reuse.font_configuration() is here
    other = []
    thread = threading.Thread(target=lambda: other.append(reuse.font_configuration()))
    thread.start()
    thread.join()
    assert other[0] is not here


def test_stylesheets_are_parsed_once_and_again_when_their_file_changes(tmp_path, settings):
    css = tmp_path / "notice_blocks" / "css" / "sample.css"
    css.parent.mkdir(parents=True)
    css.write_text("p { color: red }")
    settings.STATICFILES_DIRS = [str(tmp_path)]
    name = "notice_blocks/css/sample.css"

    first = reuse.static_stylesheet(name)
    assert reuse.static_stylesheet(name) is first

    css.write_text("p { color: blue; margin: 0 }")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 10**9))
    changed = reuse.static_stylesheet(name)
    assert changed is not first
    assert reuse.static_stylesheet(name) is changed


def test_each_variant_keeps_its_stylesheets_in_cascade_order():
    standard, large = variant_stylesheets(STANDARD), variant_stylesheets(LARGE_PRINT)
    assert len(standard) == len(STANDARD.stylesheets) + 1
    assert len(large) == len(LARGE_PRINT.stylesheets) + 1
    assert large[0] is standard[0]  # the base stylesheet, parsed once
    assert large[-1] is reuse.string_stylesheet(generated_content_css())


def test_the_collector_is_paused_during_a_render_and_left_as_it_was():
    assert gc.isenabled()
    with collection_deferred():
        assert not gc.isenabled()
    assert gc.isenabled()

    gc.disable()
    try:
        with collection_deferred():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
