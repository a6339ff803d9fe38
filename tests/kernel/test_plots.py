"""Rich output through the real kernel: figures as SVG (and PNG on request), arrays as HTML tables.

Each result is parsed (SVG as XML, HTML with the standard library's parser) and checked for
what a person would look for: title and axis labels, one mark per data point, table shape,
ellipsis cells where a large array is summarised.
"""

from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from kernel_helpers import errors, run

SVG_NS = "{http://www.w3.org/2000/svg}"
BLUE, ORANGE = "#1F77B4", "#FF7F0E"  # the first two colours of matplotlib's cycle


def result_data(kc, code: str) -> dict:
    """Runs `code`, which must succeed, and returns its execute_result's mime bundle."""
    reply, msgs = run(kc, code)
    assert reply["content"]["status"] == "ok", errors(msgs)
    (res,) = [m["content"] for m in msgs if m["msg_type"] == "execute_result"]
    return res["data"]


def parse_svg(svg: str):
    root = ET.fromstring(svg)
    assert root.tag == SVG_NS + "svg"
    return root


def texts(root) -> list[str]:
    return [(t.text or "").strip() for t in root.iter(SVG_NS + "text")]


def marks(root, tag: str, fill: str | None = None) -> int:
    return sum(1 for e in root.iter(SVG_NS + tag) if fill is None or e.get("fill", "").upper() == fill)


def test_figure_as_last_expression_is_svg(kernel):
    _, kc = kernel
    code = (
        "let x = arange(0.0, 7.0, 1.0);\n"
        'Figure::new().title("Squares").xlabel("n").ylabel("n squared").scatter(&x, &(&x * &x)).label("n²")'
    )
    data = result_data(kc, code)
    assert data["text/plain"] == "<Figure size 640x480 with 1 series: Squares>"
    root = parse_svg(data["image/svg+xml"])
    labels = texts(root)
    for t in ["Squares", "n", "n squared", "n²"]:
        assert t in labels, (t, labels)
    assert marks(root, "circle") == 7


def test_display_figure_mid_cell(kernel):
    _, kc = kernel
    code = (
        "let h = display(&Figure::new().title(\"first\").bar(&[0, 1, 2], &[3.0, 1.0, 2.0]));\n"
        'h.update(&Figure::new().title("second").bar(&[0, 1, 2, 3], &[3.0, 1.0, 2.0, 5.0]));'
    )
    reply, msgs = run(kc, code)
    assert reply["content"]["status"] == "ok", errors(msgs)
    shown = [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    assert [m["msg_type"] for m in shown] == ["display_data", "update_display_data"]
    first, second = (parse_svg(m["content"]["data"]["image/svg+xml"]) for m in shown)
    assert "first" in texts(first) and marks(first, "rect", BLUE) == 3
    assert "second" in texts(second) and marks(second, "rect", BLUE) == 4


def test_pca_plots_from_a_real_svd(kernel):
    _, kc = kernel
    setup = (
        "let mut rng = default_rng(7);\n"
        "let data = rng.standard_normal([60, 5]);\n"
        "let centered = &data - data.mean_axis(0);\n"
        "let s = linalg::svdvals(&centered);\n"
        "let ratio = &(&s * &s) / (&s * &s).sum();"
    )
    reply, msgs = run(kc, setup)
    assert reply["content"]["status"] == "ok", errors(msgs)

    root = parse_svg(result_data(kc, "plot_explained_variance(&ratio)")["image/svg+xml"])
    assert marks(root, "rect", BLUE) == 5  # one bar per component
    assert marks(root, "circle", ORANGE) == 5  # cumulative line with a dot per component
    assert {"Explained variance", "principal component", "per component", "cumulative"} <= set(texts(root))

    root = parse_svg(result_data(kc, "plot_singular_values(&s)")["image/svg+xml"])
    assert marks(root, "circle") == 5

    code = (
        "let labels: Vec<i64> = (0..60).map(|i| i % 3).collect();\n"
        "plot_pca_projection(&centered, &labels)"
    )
    root = parse_svg(result_data(kc, code)["image/svg+xml"])
    assert marks(root, "circle") == 60
    assert marks(root, "circle", BLUE) == 20
    assert {"PC 1", "PC 2", "class 0", "class 1", "class 2"} <= set(texts(root))


def test_heatmap_cells_and_colour_bar(kernel):
    _, kc = kernel
    code = 'Figure::new().heatmap(&arange(0.0, 20.0, 1.0).reshape([4, 5])).title("grid")'
    root = parse_svg(result_data(kc, code)["image/svg+xml"])
    filled = [e for e in root.iter(SVG_NS + "rect") if e.get("fill", "").startswith("#")]
    assert len(filled) == 20 + 64 + 1  # cells, colour bar steps, background
    labels = texts(root)
    assert "grid" in labels
    # Row and column ticks stop at 4; only the colour bar's ticks reach the data's top (19).
    numbers = [float(t) for t in labels if t.replace(".", "", 1).lstrip("-").isdigit()]
    assert max(numbers) >= 15, labels


def test_bad_plot_input_is_a_python_like_error(kernel):
    _, kc = kernel
    reply, msgs = run(kc, "Figure::new().heatmap(&array![1.0, 2.0])")
    assert reply["content"]["status"] == "error"
    (err,) = errors(msgs)
    assert err["ename"] == "TypeError" and "Invalid shape (2,) for image data" in err["evalue"]


class Table(HTMLParser):
    """Collects the caption and the rows of the first table, each cell as (tag, class, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.caption = ""
        self.rows: list[list[tuple[str, str, str]]] = []
        self._in: str | None = None
        self._cell: list = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "caption"):
            self._in = tag
            self._cell = [tag, dict(attrs).get("class", ""), ""]

    def handle_data(self, data):
        if self._in:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag == self._in == "caption":
            self.caption = self._cell[2]
        elif tag == self._in:
            self.rows[-1].append(tuple(self._cell))
        if tag == self._in:
            self._in = None


def test_large_2d_array_table_is_summarised(kernel):
    _, kc = kernel
    table = Table(result_data(kc, "arange_n(10000).reshape([100, 100])")["text/html"])
    assert table.caption == "int64 array, shape (100, 100)"
    header, *body = table.rows
    # A corner cell, 10 first columns, an ellipsis column, 10 last columns.
    assert [c[2] for c in header][1:] == [str(i) for i in range(10)] + ["\u2026"] + [str(i) for i in range(90, 100)]
    assert len(body) == 21
    gap = body[10]
    assert all("arraylib-ell" in c[1] for c in gap), gap
    assert sum(1 for row in body for c in row if "arraylib-ell" in c[1]) == 20 + 22  # column gap + row gap
    values = [c[2].strip() for row in body for c in row if c[0] == "td" and "arraylib-ell" not in c[1]]
    assert len(values) == 400 and values[0] == "0" and values[-1] == "9999"
    assert "5050" not in values  # the middle is left out


def test_large_1d_array_table_is_summarised(kernel):
    _, kc = kernel
    table = Table(result_data(kc, "linspace(0.0, 1.0, 2001, true)")["text/html"])
    assert table.caption == "float64 array, shape (2001,)"
    cells = [c for row in table.rows for c in row if c[0] == "td"]
    ellipses = [c for c in cells if "arraylib-ell" in c[1]]
    assert len(ellipses) == 1
    shown = [c[2].strip() for c in cells if c not in ellipses]
    assert len(shown) == 20 and shown[0].startswith("0.") and shown[-1].startswith("1.")


def test_figure_formats_add_png_or_drop_svg(kernel):
    _, kc = kernel
    fig = 'Figure::new().title("formats").line(&[0.0, 1.0, 2.0], &[1.0, 0.0, 2.0])'
    try:
        # Default: SVG only, and the kernel's internal figure tag never reaches the frontend.
        assert set(result_data(kc, fig)) == {"text/plain", "image/svg+xml"}

        reply, msgs = run(kc, "%config InlineBackend.figure_formats = ['svg', 'png']\n%config InlineBackend.figure_formats")
        assert reply["content"]["status"] == "ok", errors(msgs)
        printed = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        assert printed.strip() == "['svg', 'png']"
        data = result_data(kc, fig)
        assert set(data) == {"text/plain", "image/svg+xml", "image/png"}
        png = base64.b64decode(data["image/png"])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
        assert (width, height) == (640, 480)
        # A figure passed to display() gets the same formats.
        reply, msgs = run(kc, f"display(&{fig});")
        (shown,) = [m for m in msgs if m["msg_type"] == "display_data"]
        assert "image/png" in shown["content"]["data"]

        reply, msgs = run(kc, "%config InlineBackend.figure_format = 'png'")
        assert reply["content"]["status"] == "ok", errors(msgs)
        assert set(result_data(kc, fig)) == {"text/plain", "image/png"}

        reply, msgs = run(kc, "%config InlineBackend.figure_formats = ['jpeg']")
        assert reply["content"]["status"] == "error"
        assert "'svg', 'png'" in reply["content"]["evalue"]
    finally:
        run(kc, "%config InlineBackend.figure_formats = ['svg']")
