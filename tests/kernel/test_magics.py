"""IPython-style magics and progress bars, through the real kernel.

Output formats are checked against IPython's (regexes on `%timeit`'s line, `%time`'s CPU/Wall
lines, `%whos`'s table); `%timeit` must run the code in a loop in the cell's process (a side
effect counts the loops and the reported time per loop is far below one compile); progress
bars must arrive as `update_display_data` on the display id of their `display_data`.
"""

from __future__ import annotations

import json
import re

from kernel_helpers import errors, run, text_of

UNIT = r"(?:ns|µs|ms|s)"
NUM = r"\d+(?:\.\d+)?(?:e[+-]\d+)?"
TIMEIT = re.compile(
    rf"^(?P<mean>{NUM}) (?P<unit>{UNIT}) ± {NUM} {UNIT} per loop "
    rf"\(mean ± std\. dev\. of (?P<runs>\d+) runs?, (?P<loops>[\d,]+) loops? each\)$"
)
TIME = re.compile(rf"^CPU times: user {NUM} {UNIT}, sys: {NUM} {UNIT}, total: {NUM} {UNIT}\nWall time: {NUM} {UNIT}$")
SECONDS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def ok(kc, code: str, **kw):
    reply, msgs = run(kc, code, **kw)
    assert reply["content"]["status"] == "ok", (code, reply["content"], errors(msgs))
    return msgs


def result(msgs) -> str | None:
    for m in msgs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


def timeit_of(kc, code: str) -> re.Match:
    """Runs a cell printing one `%timeit` line; returns the line's match. As IPython, a very
    uneven set of runs is preceded by a "The slowest run took ..." warning line."""
    out = text_of(ok(kc, code)).strip()
    lines = out.splitlines()
    if len(lines) == 2 and lines[0].startswith("The slowest run took "):
        out = lines[1]
    m = TIMEIT.match(out)
    assert m, out
    return m


def significant_digits(num: str) -> int:
    return len(num.replace(".", "").lstrip("0")) if "e" not in num else 1


def test_timeit_line_format_and_autorange(kernel):
    _, kc = kernel
    ok(kc, "let tv = arange_n(10000);")
    m = timeit_of(kc, "%timeit tv.sum()")
    assert m["runs"] == "7"
    loops = int(m["loops"].replace(",", ""))
    assert re.fullmatch(r"10*", str(loops)), loops  # a power of ten
    mean = float(m["mean"]) * SECONDS[m["unit"]]
    assert loops * mean >= 0.1, (loops, mean)  # auto-ranged to about 0.2 s a run
    assert significant_digits(m["mean"]) <= 3
    if loops >= 1000:
        assert "," in m["loops"]


def test_timeit_options(kernel):
    _, kc = kernel
    ok(kc, "let tw = arange_n(100);")
    m = timeit_of(kc, "%timeit -n 5 -r 3 tw.sum()")
    assert (m["runs"], m["loops"]) == ("3", "5"), m[0]
    out = text_of(ok(kc, "%timeit -n1 -r1 tw.sum()")).strip()
    assert out.endswith("(mean ± std. dev. of 1 run, 1 loop each)"), out
    msgs = ok(kc, "%timeit -q -o -n 2 -r 2 tw.sum()")
    assert text_of(msgs) == ""
    value = result(msgs)
    assert value and value.startswith("<TimeitResult : ") and "of 2 runs, 2 loops each)>" in value, value
    ok(kc, "let tres = %timeit -o -q -n 3 -r 2 tw.sum()")
    assert result(ok(kc, "(tres.loops, tres.repeat, tres.all_runs.len())")) == "(3, 2, 2)"


def test_timeit_compiles_once_and_loops_in_process(kernel):
    _, kc = kernel
    ok(kc, "let tick = std::cell::Cell::new(0u64);")
    m = timeit_of(kc, "%timeit -n 1000 -r 7 tick.set(tick.get() + 1)")
    # 7000 executions in one process: the counter saw them all, and one loop costs far less
    # than compiling a cell (about 0.2 s), so the code was not rebuilt per run.
    assert result(ok(kc, "tick.get()")) == "7000"
    assert float(m["mean"]) * SECONDS[m["unit"]] < 1e-3, m[0]


def test_cell_timeit_with_setup(kernel):
    _, kc = kernel
    m = timeit_of(kc, "%%timeit -n 3 -r 2 let local = arange_n(50);\nlocal.sum()")
    assert (m["runs"], m["loops"]) == ("2", "3"), m[0]


def test_time_line_and_cell(kernel):
    _, kc = kernel
    msgs = ok(kc, "let tx = arange_n(1000);\n%time tx.sum()")
    assert TIME.match(text_of(msgs).strip()), text_of(msgs)
    assert result(msgs) is not None  # the expression's value passes through
    msgs = ok(kc, "%%time\nlet timed = 2;\nfor _ in 0..3 {}\ntimed * 21")
    assert TIME.match(text_of(msgs).strip()), text_of(msgs)
    assert result(msgs) == "42"
    assert result(ok(kc, "timed")) == "2"  # %%time keeps the cell's variables
    msgs = ok(kc, "%time let tk = 5;")
    assert TIME.match(text_of(msgs).strip())
    assert result(ok(kc, "tk")) == "5"


def test_who_and_whos(kernel):
    _, kc = kernel
    ok(kc, "let wa = zeros((3, 4), DType::Float64);\nlet wb = 7i32;\nlet wbig = zeros(20000, DType::Float64);")
    names = text_of(ok(kc, "%who")).split()
    assert {"wa", "wb", "wbig"} <= set(names), names
    # Earlier tests in this kernel left other i32 variables; no array may be listed.
    typed = text_of(ok(kc, "%who i32")).split()
    assert "wb" in typed and not {"wa", "wbig"} & set(typed), typed
    msgs = ok(kc, "%whos")
    assert result(msgs) is None, result(msgs)  # IPython's %whos has no Out[] value
    table = text_of(msgs).splitlines()
    assert re.match(r"^Variable\s+Type\s+Data/Info$", table[0]), table
    assert set(table[1]) == {"-"} and len(table[1]) == len(table[0]), table
    rows = {line.split()[0]: line for line in table[2:]}
    assert re.match(r"^wa\s+\S*Array\s+3x4: 12 elems, type `float64`, 96 bytes$", rows["wa"]), rows["wa"]
    assert re.match(r"^wb\s+i32\s+7$", rows["wb"]), rows["wb"]
    assert rows["wbig"].endswith("20000: 20000 elems, type `float64`, 160000 bytes (156.25 kb)"), rows["wbig"]
    # Columns line up: the Type column starts at the same offset on every row.
    assert len({line.index("Array") for line in table[2:] if "Array" in line}) == 1


def test_help_on_names(kernel):
    km, kc = kernel
    ok(kc, "let hv = array![1.0, 2.0];")
    msgs = ok(kc, "hv?")
    assert result(msgs) is None, result(msgs)
    out = text_of(msgs)
    assert "Type:        Array" in out and "String form: array([1., 2.])" in out, out
    assert "2: 2 elems, type `float64`, 16 bytes" in out
    reply, _ = run(kc, "zeros?")
    assert reply["content"]["status"] == "ok"
    pages = [p for p in reply["content"].get("payload", []) if p.get("source") == "page"]
    assert pages and "zeros" in pages[0]["data"]["text/plain"], reply["content"]
    reply, msgs = run(kc, "no_such_name_here?")
    assert reply["content"]["status"] == "error" and "not found" in reply["content"]["evalue"]


def test_unknown_magic_lists_known_ones(kernel):
    _, kc = kernel
    reply, msgs = run(kc, "%frobnicate 3")
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "UsageError", c
    assert "`%frobnicate` not found" in c["evalue"]
    for name in ("%timeit", "%whos", "%env", "%%html", "%%writefile"):
        assert name in c["evalue"], c["evalue"]
    reply, _ = run(kc, "%%nosuch\nbody")
    assert reply["content"]["ename"] == "UsageError" and "%%nosuch" in reply["content"]["evalue"]


def test_lsmagic(kernel):
    _, kc = kernel
    out = text_of(ok(kc, "%lsmagic"))
    assert out.startswith("Available line magics:\n")
    assert "Available cell magics:" in out
    for name in ("%timeit", "%time", "%who", "%whos", "%reset", "%dep", "%env", "%opt", "%%timeit", "%%svg"):
        assert re.search(rf"(^|\s){re.escape(name)}(\s|$)", out), name


def test_reset_forgets_variables_keeps_prelude(kernel):
    _, kc = kernel
    ok(kc, "let doomed = 1;")
    ok(kc, "%reset -f")
    reply, _ = run(kc, "doomed")
    assert reply["content"]["status"] == "error"
    assert result(ok(kc, "array![1, 2].sum()")) is not None  # arraylib is still in scope
    assert text_of(ok(kc, "%who")).strip() == "Interactive namespace is empty."


def test_env(kernel):
    _, kc = kernel
    assert text_of(ok(kc, "%env MAGIC_TEST_VAR=hello world")).strip() == "env: MAGIC_TEST_VAR=hello world"
    assert result(ok(kc, 'std::env::var("MAGIC_TEST_VAR").unwrap()')) == '"hello world"'
    assert result(ok(kc, "%env MAGIC_TEST_VAR")) == '"hello world"'
    assert '"MAGIC_TEST_VAR": "hello world"' in result(ok(kc, "%env"))


def test_html_svg_writefile(kernel, tmp_path):
    _, kc = kernel
    msgs = ok(kc, "%%html\n<b>bold</b>")
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert shown and shown[0]["text/html"] == "<b>bold</b>"
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'
    msgs = ok(kc, f"%%svg\n{svg}")
    shown = [m["content"]["data"] for m in msgs if m["msg_type"] == "display_data"]
    assert shown and shown[0]["image/svg+xml"] == svg
    path = tmp_path / "out.txt"
    assert text_of(ok(kc, f"%%writefile {path}\nline one")).strip() == f"Writing {path}"
    assert text_of(ok(kc, f"%%writefile {path}\nline two")).strip() == f"Overwriting {path}"
    assert text_of(ok(kc, f"%%writefile -a {path}\nline three")).strip() == f"Appending to {path}"
    assert path.read_text() == "line two\nline three\n"


def test_dep_and_opt(kernel, tmp_path):
    _, kc = kernel
    crate = tmp_path / "tinydep"
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text('[package]\nname = "tinydep"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n')
    (crate / "src" / "lib.rs").write_text("pub fn answer() -> i32 { 42 }\n")
    ok(kc, f'%dep tinydep = {{ path = "{crate}" }}', timeout=300)
    assert result(ok(kc, "tinydep::answer()")) == "42"
    assert "Optimization: 2" in (result(ok(kc, "%opt 2")) or "")
    # The level applies to the cells only: arraylib is not rebuilt (that takes minutes), and
    # the session's variables stay.
    assert "Optimization: 0" in (result(ok(kc, "%opt 0")) or "")
    assert result(ok(kc, "let opt_probe = 20; opt_probe + tinydep::answer()", timeout=60)) == "62"
    # evcxr's own commands keep working.
    assert "Optimization: 2" in (result(ok(kc, ":opt 2")) or "")
    assert result(ok(kc, "opt_probe * 2", timeout=60)) == "40"


def _displays(msgs):
    return [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]


def test_progress_iterator_updates_one_display(kernel):
    _, kc = kernel
    msgs = ok(kc, "let mut acc = 0;\nfor i in progress(0..40) { std::thread::sleep(std::time::Duration::from_millis(20)); acc += i; }\nacc")
    assert result(msgs) == "780"
    shown = _displays(msgs)
    assert shown and shown[0]["msg_type"] == "display_data", [m["msg_type"] for m in shown]
    ids = {m["content"]["transient"]["display_id"] for m in shown}
    assert len(ids) == 1, ids
    updates = [m for m in shown if m["msg_type"] == "update_display_data"]
    assert updates, "no update_display_data"
    assert len(shown) < 40, f"not throttled: {len(shown)} messages for 40 items"
    final = shown[-1]["content"]["data"]["text/plain"]
    assert re.match(r"^100%\|█+\| 40/40 \[\d\d:\d\d<00:00, \d+\.\d\dit/s\]$", final), final
    assert "<progress" in shown[-1]["content"]["data"]["text/html"]


def test_manual_progress_and_timeit_bar(kernel):
    _, kc = kernel
    code = (
        'let mut bar = Progress::new(5).desc("epochs");\n'
        "for _ in 0..5 { std::thread::sleep(std::time::Duration::from_millis(150)); bar.update(1); }\n"
        "drop(bar);"
    )
    shown = _displays(ok(kc, code))
    assert len({m["content"]["transient"]["display_id"] for m in shown}) == 1
    assert shown[-1]["msg_type"] == "update_display_data"
    assert shown[-1]["content"]["data"]["text/plain"].startswith("epochs: 100%|")
    # A %timeit whose runs take long shows a (transient) bar over its runs.
    msgs = ok(kc, "%timeit -n 1 -r 4 std::thread::sleep(std::time::Duration::from_millis(400))")
    shown = _displays(msgs)
    assert shown and shown[0]["msg_type"] == "display_data", [m["msg_type"] for m in msgs]
    assert "timeit:" in shown[0]["content"]["data"]["text/plain"]
    assert {m["content"]["transient"]["display_id"] for m in shown} == {shown[0]["content"]["transient"]["display_id"]}
    assert TIMEIT.match(text_of(msgs).strip()), text_of(msgs)


def test_loading_a_large_file_shows_a_byte_progress_bar(kernel, tmp_path):
    _, kc = kernel
    path, small = json.dumps(str(tmp_path / "big.npy")), json.dumps(str(tmp_path / "small.npy"))
    # 80 MiB of float64: above the kernel's 64 MiB threshold for a load bar.
    ok(kc, f"save({path}, &arange(0.0, 10485760.0, 1.0));")
    msgs = ok(kc, f"let big = load({path});\nbig.sum()")
    assert result(msgs) == "np.float64(54975576145920.0)"
    shown = _displays(msgs)
    assert shown and shown[0]["msg_type"] == "display_data", [m["msg_type"] for m in msgs]
    assert len({m["content"]["transient"]["display_id"] for m in shown}) == 1
    final = shown[-1]["content"]["data"]["text/plain"]
    assert re.match(r"^load big\.npy: 100%\|█+\| 83\.9M/83\.9M \[\d\d:\d\d<00:00, [\d.]+[kMG]?B/s\]$", final), final
    # Small files load without a bar.
    ok(kc, f"save({small}, &arange(0.0, 10.0, 1.0));")
    assert not _displays(ok(kc, f"load({small}).sum()"))


def test_is_complete_and_complete_understand_magics(kernel):
    _, kc = kernel

    def is_complete(code):
        kc.is_complete(code)
        return kc.get_shell_msg(timeout=30)["content"]["status"]

    assert is_complete("%timeit foo(") == "incomplete"
    assert is_complete("%timeit foo()") == "complete"
    assert is_complete("%%html\n<div>") == "complete"
    assert is_complete("%%time\nlet x = {") == "incomplete"
    msg_id = kc.complete("%tim", 4)
    reply = kc.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert set(reply["content"]["matches"]) == {"%time", "%timeit"}
