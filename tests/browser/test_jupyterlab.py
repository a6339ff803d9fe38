"""A person's view: JupyterLab in headless Chromium runs a notebook on the arraylib kernel, and
the array table and the plot appear on the page.

Run by tests/browser/run.sh, which provides Chromium (ARRAYLIB_CHROMIUM), Playwright, and the
Jupyter environment holding the kernelspec (JUPYTER_PATH).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import sync_playwright

KERNEL = os.environ.get("ARRAYLIB_KERNEL_NAME", "arraylib-rust")
ARTIFACTS = Path(os.environ.get("ARRAYLIB_ARTIFACTS", Path.cwd() / "artifacts"))
# A cold kernel compiles its first cells; everything else takes seconds.
RUN_TIMEOUT_MS = 150_000

CELLS = [
    "let x = array![[1.5, 2.0, 3.0], [4.0, 5.0, 6.25]];\nx",
    'Figure::new().title("Browser plot").xlabel("k").ylabel("k squared")\n'
    "    .line_markers(&[1, 2, 3, 4], &[1, 4, 9, 16])",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on localhost serving a fresh notebook; yields (base url, token, name)."""
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Rust (arraylib)", "language": "rust"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, root / "e2e.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    log = open(root / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
         "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT, cwd=root,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start; log: {(root / 'jupyterlab.log').read_text()}")
                time.sleep(0.3)
        yield base, token, "e2e.ipynb"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_notebook_runs_and_renders_table_and_plot(lab):
    base, token, name = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("ARRAYLIB_CHROMIUM"), headless=True,
                                    args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/{name}?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            # Wait until the notebook's kernel session exists, then run every cell through
            # JupyterLab's own command, as the Run menu does.
            page.wait_for_function(
                "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                " return !!(w && w.sessionContext && w.sessionContext.session"
                " && w.sessionContext.session.kernel); }",
                timeout=60_000,
            )
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")

            table = page.wait_for_selector(".jp-OutputArea-output table.arraylib-t", timeout=RUN_TIMEOUT_MS)
            caption = table.query_selector("caption").inner_text()
            assert "float64" in caption and "(2, 3)" in caption, caption
            cells = [c.inner_text().strip() for c in table.query_selector_all("td")]
            assert cells == ["1.5", "2.", "3.", "4.", "5.", "6.25"], cells

            # JupyterLab shows image/svg+xml as an <img> whose source is the SVG itself.
            img = page.wait_for_selector(".jp-RenderedSVG img, .jp-OutputArea-output svg",
                                         timeout=RUN_TIMEOUT_MS)
            src = img.get_attribute("src") or ""
            svg = urllib.parse.unquote(src.split(",", 1)[1]) if src.startswith("data:") else img.inner_html()
            assert "Browser plot" in svg and "k squared" in svg, svg[:500]
            box = img.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 150, box
            assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        finally:
            shot = ARTIFACTS / "jupyterlab-e2e.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}")
            browser.close()
