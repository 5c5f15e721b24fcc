from soteria.reviews.richtext import plain_text, sanitise


def test_scripts_handlers_and_javascript_links_are_removed() -> None:
    html = sanitise(
        '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">a</a>'
        '<a href="https://example.org/x">b</a><img src=x onerror=alert(1)>'
        '<style>p{}</style><iframe src="https://evil"></iframe></p>'
    )
    assert "script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<img" not in html and "<style" not in html and "<iframe" not in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer">b</a>' in html


def test_allowed_structure_is_kept() -> None:
    html = sanitise("<h3>Wyniki</h3><ul><li><strong>Ważne</strong></li></ul><p><em>x</em></p>")
    assert html == "<h3>Wyniki</h3><ul><li><strong>Ważne</strong></li></ul><p><em>x</em></p>"


def test_plain_text_comparisons_are_escaped_not_lost() -> None:
    assert sanitise("a < 5 & b > 2\n\nnext") == "<p>a &lt; 5 &amp; b &gt; 2</p><p>next</p>"


def test_plain_text_without_markup_keeps_paragraphs() -> None:
    assert sanitise("Đã đạt\nđược\n\nKết quả") == "<p>Đã đạt<br>được</p><p>Kết quả</p>"


def test_nothing_visible_is_empty() -> None:
    assert sanitise("<p> </p><script>x</script>") == ""
    assert sanitise("") == ""
    assert plain_text("<p>a</p> <p>b</p>") == "a b"
