"""jupyter_kernel_test conformance suite against the installed "arraylib-rust" kernel.

Every test the suite has is enabled. The pager test uses `?name` (IPython-style
help: the kernel answers with a `page` payload holding the item's documentation).
"""

from __future__ import annotations

import os
import unittest

import jupyter_kernel_test as jkt

from kernel_helpers import KERNEL
# Per-reply timeout. The suite binds its own 15 s default into execute_helper and
# history_helper at import time, so those are overridden below; cells compile with
# rustc and a busy 2-core CI machine can take longer than 15 s for the first ones.
TIMEOUT = int(os.environ.get("ARRAYLIB_KT_TIMEOUT", "120"))
jkt.TIMEOUT = TIMEOUT


class ArraylibKernelTests(jkt.KernelTests):
    kernel_name = KERNEL

    language_name = "rust"
    file_extension = ".rs"

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # The session starts in the background; the first cell waits for it.
        cls.kc.execute_interactive("1+1", timeout=300)

    def execute_helper(self, code, timeout=TIMEOUT, **kwargs):  # type: ignore[override]
        return super().execute_helper(code, timeout=timeout, **kwargs)

    def history_helper(self, execute_first, timeout=TIMEOUT, **histargs):  # type: ignore[override]
        return super().history_helper(execute_first, timeout=timeout, **histargs)

    code_hello_world = 'println!("hello, world");'
    code_stderr = 'eprintln!("oops on stderr");'

    completion_samples = [
        {"text": "arr"},
        {"text": "let some_long_variable_name = 1;\nsome_long_var", "matches": {"some_long_variable_name"}},
    ]

    complete_code_samples = ["1+1", 'println!("hi");', "fn f() -> i32 { 1 }", "let s = \"{\";"]
    incomplete_code_samples = ["fn f() {", "let v = vec![1,", "let s = \"open"]
    invalid_code_samples = ["let = ;", "fn ) {", "let x = (1];"]

    code_page_something = "?zeros"

    code_generate_error = 'let x: i32 = "not an int";'

    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": "vec![1, 2, 3]", "result": "[1, 2, 3]"},
        {"code": "array![1, 2, 3]", "result": "array([1, 2, 3])"},
    ]

    code_display_data = [
        {"code": 'display(&Html::new("<b>hi</b>"));', "mime": "text/html"},
        {"code": "display(&array![[1.0, 2.0], [3.0, 4.0]]);", "mime": "text/html"},
        {"code": 'display(&Latex::new("$\\\\frac{1}{2}$"));', "mime": "text/latex"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "1*"

    code_inspect_sample = "zeros"

    code_clear_output = "clear_output();"


class ArraylibIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = KERNEL
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main(verbosity=2)
